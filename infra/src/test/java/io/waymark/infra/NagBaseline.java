package io.waymark.infra;

import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.SuppressionIgnoreAlways;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * Not a test: lists the cdk-nag findings of every combination with all suppressions ignored,
 * counted by rule, for the closing note. {@code ./mvnw -q -pl infra -am test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.waymark.infra.NagBaseline}
 */
public final class NagBaseline {

    private NagBaseline() {}

    public static void main(String[] args) {
        Map<String, Integer> total = new TreeMap<>();
        for (Combination combination : Combination.ALLOWED) {
            count(combination.toString(), combination.context(), combination.stackName(), total);
        }
        Map<String, Object> github =
                Map.of("githubRepository", "waymark-team/waymark", "region", "us-east-1");
        count("delivery/github", github, "WaymarkDelivery", total);
        Map<String, Object> pipeline =
                new java.util.HashMap<>(Combination.ALLOWED.get(1).context());
        pipeline.putAll(
                Map.of(
                        "pipeline",
                        "codepipeline",
                        "githubRepository",
                        "waymark-team/waymark",
                        "connectionArn",
                        "arn:aws:codeconnections:us-east-1:123456789012:connection/0c8a4e7b-1f2d-4c3b-9a6e-5d4c3b2a1f0e"));
        count("delivery/codepipeline", pipeline, "WaymarkPipeline", total);
        System.out.println("ALL " + total);
    }

    private static void count(
            String name,
            Map<String, Object> context,
            String stackName,
            Map<String, Integer> total) {
        var app =
                WaymarkApp.appWithContext(
                        context, TestAssets.outdir("baseline-" + name).toString());
        var stack =
                WaymarkApp.build(
                                app,
                                NagPackProps.builder()
                                        .verbose(false)
                                        .suppressionIgnoreCondition(
                                                new SuppressionIgnoreAlways(
                                                        "baseline: list every finding"))
                                        .build())
                        .stream()
                        .filter(s -> s.getStackName().equals(stackName))
                        .findFirst()
                        .orElseThrow();
        var annotations = Annotations.fromStack(stack);
        Map<String, Integer> byRule = new TreeMap<>();
        var findings =
                new java.util.ArrayList<>(annotations.findError("*", Match.stringLikeRegexp(".*")));
        findings.addAll(annotations.findWarning("*", Match.stringLikeRegexp(".*")));
        for (var finding : findings) {
            String text = String.valueOf(finding.getEntry().getData());
            var matcher =
                    java.util.regex.Pattern.compile(
                                    "(AwsSolutions-[A-Z0-9]+|CdkNagValidationFailure)")
                            .matcher(text);
            String rule = matcher.find() ? matcher.group(1) : text.lines().findFirst().orElse("?");
            byRule.merge(rule, 1, Integer::sum);
            total.merge(rule, 1, Integer::sum);
        }
        System.out.println(name + " " + findings.size() + " " + byRule);
    }
}
