package io.waymark.infra.cost;

import java.util.List;
import java.util.Map;

/** Typed reads from a synthesized CloudFormation template (the JSON as nested maps and lists). */
@SuppressWarnings("unchecked")
final class TemplateResources {

    private final Map<String, Map<String, Object>> resources;

    TemplateResources(Map<String, Object> template) {
        this.resources =
                (Map<String, Map<String, Object>>) template.getOrDefault("Resources", Map.of());
    }

    List<Map<String, Object>> ofType(String type) {
        return resources.values().stream()
                .filter(resource -> type.equals(resource.get("Type")))
                .toList();
    }

    /** The resource a property points at with {@code Ref}. */
    Map<String, Object> referenced(Map<String, Object> resource, String property) {
        Object ref = path(resource, property);
        if (ref instanceof Map<?, ?> map
                && map.get("Ref") instanceof String id
                && resources.containsKey(id)) {
            return resources.get(id);
        }
        throw new IllegalArgumentException(
                property + " is not a Ref to a resource of this template: " + ref);
    }

    /** A property below {@code Properties}, or null. */
    Object path(Map<String, Object> resource, String... keys) {
        Object current = resource.get("Properties");
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    double number(Map<String, Object> resource, String... keys) {
        Object value = path(resource, keys);
        if (value == null) {
            throw new IllegalArgumentException("no numeric property " + String.join(".", keys));
        }
        return value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
    }

    List<Object> list(Map<String, Object> resource, String... keys) {
        return path(resource, keys) instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
