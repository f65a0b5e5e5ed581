package io.waymark.infra;

import io.waymark.infra.pipeline.PipelineStack;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * A stack synthesized once per JVM and shared by every test class: jsii synthesis takes seconds,
 * the assertions milliseconds. The cdk-nag aspect is part of the app, exactly as in {@code cdk
 * synth}. A pipeline stack carries the stacks of its stages, and {@link #outdir()} holds every
 * template for cfn-lint and cfn-guard.
 */
record Synthesized(
        Stack stack,
        Template template,
        List<SynthesisMessage> nagErrors,
        List<SynthesisMessage> nagWarnings,
        List<Synthesized> stages,
        Path outdir) {

    private static final Map<Object, Synthesized> CACHE = new ConcurrentHashMap<>();

    static Synthesized of(Combination combination) {
        return CACHE.computeIfAbsent(
                combination,
                key ->
                        synthesize(
                                combination.context(),
                                combination.stackName(),
                                combination.toString()));
    }

    static Synthesized of(String cacheKey, Map<String, Object> context, String stackName) {
        return CACHE.computeIfAbsent(cacheKey, key -> synthesize(context, stackName, cacheKey));
    }

    private static Synthesized synthesize(
            Map<String, Object> context, String stackName, String name) {
        Path outdir = TestAssets.outdir(name);
        App app = WaymarkApp.appWithContext(context, outdir.toString());
        Stack stack =
                WaymarkApp.build(app).stream()
                        .filter(candidate -> candidate.getStackName().equals(stackName))
                        .findFirst()
                        .orElseThrow();
        List<Synthesized> stages =
                stack instanceof PipelineStack pipeline
                        ? pipeline.stages().stream()
                                .map(stage -> of(stage.stack(), List.of(), outdir))
                                .toList()
                        : List.of();
        return of(stack, stages, outdir);
    }

    private static Synthesized of(Stack stack, List<Synthesized> stages, Path outdir) {
        Template template = Template.fromStack(stack);
        Annotations annotations = Annotations.fromStack(stack);
        return new Synthesized(
                stack,
                template,
                annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")),
                annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")),
                stages,
                outdir);
    }

    Map<String, Map<String, Object>> resources(String type) {
        return template.findResources(type);
    }

    static Map<String, Object> properties(Map<String, Object> resource) {
        return map(resource.getOrDefault("Properties", Map.of()));
    }

    /** A JSON object of the template, or an empty one when the node is something else. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** A JSON array of the template, or an empty one when the node is something else. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        return node instanceof List<?> list ? (List<Object>) list : List.of();
    }

    /** The stage stack named {@code Waymark-<env>} of a pipeline. */
    Synthesized stage(String env) {
        return stages.stream()
                .filter(stage -> stage.stack().getStackName().equals("Waymark-" + env))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no stage Waymark-" + env));
    }
}
