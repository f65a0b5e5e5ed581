package io.waymark.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Runs cfn-lint and cfn-guard over synthesized templates and reads their JSON reports into {@link
 * Finding}s.
 */
final class TemplateCheckers {

    private static final Pattern RESOURCE_PATH = Pattern.compile("^/Resources/([^/\\[]+)");

    private final Path root;

    /**
     * @param root the directory the template paths in findings are relative to
     */
    TemplateCheckers(Path root) {
        this.root = root;
    }

    /**
     * cfn-lint over all templates in one process (it parses its schemas once), with rule ids; each
     * content once.
     */
    List<Finding> cfnLint(Path cfnLint, List<Path> templates) {
        Map<String, List<Path>> copies = copiesByFirst(templates);
        return forEveryCopy(lint(cfnLint, firsts(copies)), copies);
    }

    @SuppressWarnings("unchecked")
    private List<Finding> lint(Path cfnLint, List<Path> templates) {
        List<String> command = new ArrayList<>(List.of(cfnLint.toString(), "--format", "json"));
        templates.forEach(template -> command.add(relative(template)));
        String report;
        try {
            report = run(command, Set.of(0, 2, 4, 6, 8, 10, 12, 14));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cfn-lint failed to run", e);
        }
        List<Finding> findings = new ArrayList<>();
        for (Object item : (List<Object>) parse(report)) {
            var finding = (Map<String, Object>) item;
            var location = (Map<String, Object>) finding.get("Location");
            List<Object> path = (List<Object>) location.getOrDefault("Path", List.of());
            String resource =
                    path.size() > 1 && "Resources".equals(path.getFirst())
                            ? String.valueOf(path.get(1))
                            : "";
            findings.add(
                    new Finding(
                            "cfn-lint",
                            String.valueOf(((Map<String, Object>) finding.get("Rule")).get("Id")),
                            String.valueOf(finding.get("Filename")),
                            resource,
                            String.valueOf(finding.get("Message")).lines().findFirst().orElse("")));
        }
        return findings;
    }

    /**
     * cfn-guard with the Control Tower rules, split over two processes: it spends about 1.5 s of
     * CPU per template, and CI machines have two cores.
     */
    List<Finding> cfnGuard(Path guardPackage, List<Path> all) {
        Map<String, List<Path>> copies = copiesByFirst(all);
        List<Path> templates = firsts(copies);
        int half = (templates.size() + 1) / 2;
        var first =
                CompletableFuture.supplyAsync(
                        () -> guard(guardPackage, templates.subList(0, half)));
        var second =
                CompletableFuture.supplyAsync(
                        () -> guard(guardPackage, templates.subList(half, templates.size())));
        List<Finding> findings = new ArrayList<>(first.join());
        findings.addAll(second.join());
        return forEveryCopy(findings, copies);
    }

    /**
     * The templates by content, each content under its first template's path: the checkers read
     * nothing but the template, and a pipeline's image stack, say, is the same in every pipeline.
     */
    private Map<String, List<Path>> copiesByFirst(List<Path> templates) {
        Map<String, Path> firstByContent = new HashMap<>();
        Map<String, List<Path>> copies = new LinkedHashMap<>();
        for (Path template : templates) {
            Path first = firstByContent.computeIfAbsent(read(template), content -> template);
            copies.computeIfAbsent(relative(first), key -> new ArrayList<>()).add(template);
        }
        return copies;
    }

    private List<Path> firsts(Map<String, List<Path>> copies) {
        return copies.values().stream().map(List::getFirst).toList();
    }

    /** Each finding of a checked template, for it and every template with the same content. */
    private List<Finding> forEveryCopy(List<Finding> findings, Map<String, List<Path>> copies) {
        return findings.stream()
                .flatMap(
                        finding ->
                                copies.get(finding.template()).stream()
                                        .map(
                                                copy ->
                                                        new Finding(
                                                                finding.tool(),
                                                                finding.rule(),
                                                                relative(copy),
                                                                finding.resource(),
                                                                finding.message())))
                .toList();
    }

    private String relative(Path template) {
        return root.relativize(template).toString();
    }

    private static String read(Path template) {
        try {
            return Files.readString(template);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Finding> guard(Path guardPackage, List<Path> templates) {
        if (templates.isEmpty()) {
            return List.of();
        }
        List<String> command =
                new ArrayList<>(
                        List.of(
                                TemplateTools.guardBinary(guardPackage).toString(),
                                "validate",
                                "--rules",
                                TemplateTools.guardRules(guardPackage).toString(),
                                "--structured",
                                "--output-format",
                                "json",
                                "--show-summary",
                                "none"));
        templates.forEach(template -> command.addAll(List.of("--data", template.toString())));
        try {
            // 0: all passed, 19: some rule failed; anything else is cfn-guard failing to run.
            String report = run(command, Set.of(0, 19));
            List<Finding> findings = new ArrayList<>();
            for (Object item : (List<Object>) parse(report)) {
                var file = (Map<String, Object>) item;
                String template = relative(Path.of(String.valueOf(file.get("name"))));
                for (Object failed : (List<Object>) file.getOrDefault("not_compliant", List.of())) {
                    var rule = (Map<String, Object>) ((Map<String, Object>) failed).get("Rule");
                    String name = String.valueOf(rule.get("name"));
                    Set<String> resources = new LinkedHashSet<>();
                    collectResources(rule, resources);
                    if (resources.isEmpty()) {
                        resources.add("");
                    }
                    resources.forEach(
                            resource ->
                                    findings.add(
                                            new Finding(
                                                    "cfn-guard",
                                                    name,
                                                    template,
                                                    resource,
                                                    controlId(rule))));
                }
            }
            return findings;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cfn-guard failed to run", e);
        }
    }

    // Property paths of the failed checks, e.g. /Resources/ServiceTask.../Properties/...
    @SuppressWarnings("unchecked")
    private static void collectResources(Object node, Set<String> resources) {
        if (node instanceof Map<?, ?> map) {
            map.forEach(
                    (key, value) -> {
                        if ("path".equals(key) && value instanceof String path) {
                            Matcher matcher = RESOURCE_PATH.matcher(path);
                            if (matcher.find()) {
                                resources.add(matcher.group(1));
                            }
                        } else {
                            collectResources(value, resources);
                        }
                    });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectResources(item, resources));
        }
    }

    // The [CT.ECS.PR.6] line of the rule's message, which names the Control Tower control.
    private static String controlId(Map<String, Object> rule) {
        Matcher matcher =
                Pattern.compile("\\[(CT\\.[A-Z0-9.]+)]: ([^\\n]*)").matcher(String.valueOf(rule));
        return matcher.find() ? matcher.group(1) + " " + matcher.group(2).strip() : "";
    }

    private String run(List<String> command, Set<Integer> acceptedExitCodes)
            throws IOException, InterruptedException {
        Path errors = Files.createTempFile("template-check", ".err");
        try {
            Process process =
                    new ProcessBuilder(command)
                            .directory(root.toFile())
                            .redirectError(errors.toFile())
                            .start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (!acceptedExitCodes.contains(exit)) {
                throw new IllegalStateException(
                        command.getFirst() + " exited " + exit + ": " + Files.readString(errors));
            }
            return output.isBlank() ? "[]" : output;
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static Object parse(String json) {
        // JSON is YAML; the safe constructor builds plain maps and lists only.
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        return new Yaml(new SafeConstructor(options)).load(json);
    }
}
