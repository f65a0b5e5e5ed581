package io.waymark.repository;

import java.util.List;
import java.util.Map;

/**
 * Typed views of parsed YAML nodes that fail with the node's name instead of a ClassCastException.
 */
public final class Yamls {

    private Yamls() {}

    @SuppressWarnings("unchecked")
    public static Map<Object, Object> map(Object node, String what) {
        if (node instanceof Map<?, ?> map) {
            return (Map<Object, Object>) map;
        }
        throw new AssertionError(what + " is not a mapping: " + node);
    }

    public static Map<Object, Object> mapOrEmpty(Object node, String what) {
        return node == null ? Map.of() : map(node, what);
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object node, String what) {
        if (node instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new AssertionError(what + " is not a list: " + node);
    }

    /** A scalar as text ({@code 21} and {@code "21"} alike), or null when absent. */
    public static String text(Object node) {
        return node == null ? null : node.toString();
    }
}
