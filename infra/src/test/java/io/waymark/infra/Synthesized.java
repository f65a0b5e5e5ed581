package io.waymark.infra;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.assertions.Template;

/**
 * A stack synthesized once per JVM and shared by every test class: jsii synthesis takes seconds, the assertions
 * milliseconds. The cdk-nag aspect is part of the app, exactly as in {@code cdk synth}.
 */
record Synthesized(Stack stack, Template template, List<SynthesisMessage> nagErrors, List<SynthesisMessage> nagWarnings) {

    private static final Map<Object, Synthesized> CACHE = new ConcurrentHashMap<>();

    static Synthesized of(Combination combination) {
        return CACHE.computeIfAbsent(combination, key -> synthesize(combination.context(), combination.stackName(),
                combination.toString()));
    }

    static Synthesized of(String cacheKey, Map<String, Object> context, String stackName) {
        return CACHE.computeIfAbsent(cacheKey, key -> synthesize(context, stackName, cacheKey));
    }

    private static Synthesized synthesize(Map<String, Object> context, String stackName, String name) {
        App app = WaymarkApp.appWithContext(context, TestAssets.outdir(name).toString());
        Stack stack = WaymarkApp.build(app).stream()
                .filter(candidate -> candidate.getStackName().equals(stackName))
                .findFirst()
                .orElseThrow();
        Template template = Template.fromStack(stack);
        Annotations annotations = Annotations.fromStack(stack);
        return new Synthesized(stack, template,
                annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")),
                annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")));
    }

    Map<String, Map<String, Object>> resources(String type) {
        return template.findResources(type);
    }
}
