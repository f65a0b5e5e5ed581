package io.waymark.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads container definitions out of a synthesized task definition. */
@SuppressWarnings("unchecked")
final class Containers {

    private Containers() {}

    static Map<String, Object> taskDefinition(Synthesized synthesized) {
        var definitions = synthesized.resources("AWS::ECS::TaskDefinition");
        if (definitions.size() != 1) {
            throw new AssertionError("expected one task definition, found " + definitions.keySet());
        }
        return (Map<String, Object>) definitions.values().iterator().next().get("Properties");
    }

    static List<Map<String, Object>> of(Synthesized synthesized) {
        return (List<Map<String, Object>>) taskDefinition(synthesized).get("ContainerDefinitions");
    }

    /**
     * The containers that run the Waymark image (serve, and migrate where there is one), not
     * sidecars: the collector's image comes from the same repository under another tag.
     */
    static List<Map<String, Object>> ofImage(Synthesized synthesized) {
        return of(synthesized).stream().filter(Containers::runsTheServiceImage).toList();
    }

    /** What the sidecars (the trace collector) take of the task's memory. */
    static int sidecarMemory(Synthesized synthesized) {
        return of(synthesized).stream()
                .filter(c -> !runsTheServiceImage(c))
                .mapToInt(c -> (Integer) c.get("Memory"))
                .sum();
    }

    private static boolean runsTheServiceImage(Map<String, Object> container) {
        return String.valueOf(container.get("Image")).contains("/waymark:" + Combination.IMAGE_TAG);
    }

    static Map<String, Object> named(Synthesized synthesized, String name) {
        return of(synthesized).stream()
                .filter(c -> name.equals(c.get("Name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    static Map<String, Object> environment(Map<String, Object> container) {
        Map<String, Object> environment = new HashMap<>();
        for (var entry :
                (List<Map<String, Object>>) container.getOrDefault("Environment", List.of())) {
            environment.put((String) entry.get("Name"), entry.get("Value"));
        }
        return environment;
    }

    static List<Object> secretNames(Map<String, Object> container) {
        return ((List<Map<String, Object>>) container.getOrDefault("Secrets", List.of()))
                .stream().map(secret -> secret.get("Name")).toList();
    }

    /** Statements of the task role's policy (what the application itself may do in AWS). */
    static List<Map<String, Object>> taskRoleStatements(Synthesized synthesized) {
        return synthesized.resources("AWS::IAM::Policy").entrySet().stream()
                .filter(entry -> entry.getKey().contains("TaskTaskRole"))
                .flatMap(
                        entry -> {
                            var properties =
                                    (Map<String, Object>) entry.getValue().get("Properties");
                            var document = (Map<String, Object>) properties.get("PolicyDocument");
                            return ((List<Map<String, Object>>) document.get("Statement")).stream();
                        })
                .toList();
    }
}
