package io.waymark.delivery;

import java.util.List;
import java.util.Map;

/**
 * Typed views of parsed YAML nodes that fail with the node's name instead of a ClassCastException.
 */
final class Yamls {

    private Yamls() {}

    @SuppressWarnings("unchecked")
    static Map<Object, Object> map(Object node, String what) {
        if (node instanceof Map<?, ?> map) {
            return (Map<Object, Object>) map;
        }
        throw new AssertionError(what + " is not a mapping: " + node);
    }

    static Map<Object, Object> mapOrEmpty(Object node, String what) {
        return node == null ? Map.of() : map(node, what);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String what) {
        if (node instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new AssertionError(what + " is not a list: " + node);
    }

    /** A scalar as text ({@code 21} and {@code "21"} alike), or null when absent. */
    static String text(Object node) {
        return node == null ? null : node.toString();
    }
}
