package io.waymark.infra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The resource dependency graph of a template (Ref, Fn::GetAtt, Fn::Sub, DependsOn), as
 * CloudFormation sees it.
 */
final class DependencyGraph {

    private static final Pattern SUB_VARIABLE =
            Pattern.compile("\\$\\{([A-Za-z0-9]+)(\\.[A-Za-z0-9.]+)?}");

    private final Map<String, Set<String>> edges = new HashMap<>();

    @SuppressWarnings("unchecked")
    DependencyGraph(Map<String, Object> template) {
        var resources = (Map<String, Map<String, Object>>) template.get("Resources");
        for (var entry : resources.entrySet()) {
            Set<String> targets = new HashSet<>();
            collect(entry.getValue(), targets);
            targets.retainAll(resources.keySet());
            targets.remove(entry.getKey());
            edges.put(entry.getKey(), targets);
        }
    }

    /** A cycle of logical IDs, if any. */
    Optional<List<String>> cycle() {
        Map<String, Integer> state = new HashMap<>();
        for (String node : edges.keySet()) {
            List<String> path = new ArrayList<>();
            Optional<List<String>> found = visit(node, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<List<String>> visit(
            String node, Map<String, Integer> state, List<String> path) {
        int current = state.getOrDefault(node, 0);
        if (current == 2) {
            return Optional.empty();
        }
        path.add(node);
        if (current == 1) {
            return Optional.of(List.copyOf(path.subList(path.indexOf(node), path.size())));
        }
        state.put(node, 1);
        for (String next : edges.getOrDefault(node, Set.of())) {
            Optional<List<String>> found = visit(next, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        state.put(node, 2);
        path.removeLast();
        return Optional.empty();
    }

    private static void collect(Object value, Set<String> targets) {
        if (value instanceof Map<?, ?> map) {
            for (var entry : map.entrySet()) {
                Object key = entry.getKey();
                Object child = entry.getValue();
                if ("Ref".equals(key) && child instanceof String id) {
                    targets.add(id);
                } else if ("Fn::GetAtt".equals(key)
                        && child instanceof List<?> list
                        && !list.isEmpty()) {
                    targets.add(String.valueOf(list.getFirst()));
                } else if ("DependsOn".equals(key)) {
                    if (child instanceof List<?> list) {
                        list.forEach(id -> targets.add(String.valueOf(id)));
                    } else {
                        targets.add(String.valueOf(child));
                    }
                } else if ("Fn::Sub".equals(key)) {
                    Object text = child instanceof List<?> list ? list.getFirst() : child;
                    var matcher = SUB_VARIABLE.matcher(String.valueOf(text));
                    while (matcher.find()) {
                        targets.add(matcher.group(1));
                    }
                    if (child instanceof List<?> list && list.size() > 1) {
                        collect(list.get(1), targets);
                    }
                } else {
                    collect(child, targets);
                }
            }
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collect(item, targets));
        }
    }
}
