package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * cfn-lint and AWS's own policy rules (cfn-guard with the AWS Control Tower rules) over every
 * synthesized template: each service combination with and without a domain, the GitHub delivery
 * stack, and every pipeline with its two stage stacks. What they report must be fixed or listed in
 * {@link AcceptedFindings} with its reason.
 */
class TemplateChecksTest {

    private static Checks checks;

    @Test
    void cfnLintReportsNothingOutsideTheAcceptedList() {
        assertThat(unaccepted(lint())).isEmpty();
    }

    @Test
    void cfnGuardReportsNothingOutsideTheAcceptedList() {
        assertThat(unaccepted(guard())).isEmpty();
    }

    /**
     * A stale entry would hide the next finding of the same rule; each must still match something.
     */
    @Test
    void everyAcceptedFindingStillOccurs() {
        var lint = lint();
        var guard = guard();
        assertThat(AcceptedFindings.ALL)
                .allSatisfy(
                        accepted ->
                                assertThat(
                                                Stream.concat(lint.stream(), guard.stream())
                                                        .anyMatch(accepted::accepts))
                                        .as(
                                                "%s %s %s still occurs",
                                                accepted.tool(),
                                                accepted.rule(),
                                                accepted.resource())
                                        .isTrue());
    }

    private static List<String> unaccepted(List<Finding> findings) {
        return findings.stream()
                .filter(
                        finding ->
                                AcceptedFindings.ALL.stream()
                                        .noneMatch(accepted -> accepted.accepts(finding)))
                .map(Finding::toString)
                .sorted()
                .toList();
    }

    private static List<Finding> lint() {
        return resultOf(checks().lint());
    }

    private static List<Finding> guard() {
        return resultOf(checks().guard());
    }

    private record Checks(
            CompletableFuture<List<Finding>> lint, CompletableFuture<List<Finding>> guard) {}

    /**
     * Both checkers at once, on first use: each spends most of a minute of CPU on the templates,
     * and the machines have two cores. A missing tool skips (or fails) only its own checks.
     */
    private static synchronized Checks checks() {
        if (checks == null) {
            List<Path> templates = templates();
            checks =
                    new Checks(
                            CompletableFuture.supplyAsync(
                                    () -> checkers().cfnLint(TemplateTools.cfnLint(), templates)),
                            CompletableFuture.supplyAsync(
                                    () ->
                                            checkers()
                                                    .cfnGuard(
                                                            TemplateTools.cfnGuardPackage(),
                                                            templates)));
        }
        return checks;
    }

    /** The checker's findings, or what it threw, as thrown: a skip stays a skip. */
    private static List<Finding> resultOf(CompletableFuture<List<Finding>> check) {
        try {
            return check.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static TemplateCheckers checkers() {
        return new TemplateCheckers(TestAssets.outdir("x").getParent());
    }

    /**
     * Every template of every synthesized app (a pipeline's stage stacks sit in nested assembly
     * directories).
     */
    static List<Path> templates() {
        return Deployments.all().stream()
                .map(Synthesized::outdir)
                .distinct()
                .flatMap(TemplateChecksTest::templatesIn)
                .sorted()
                .toList();
    }

    private static Stream<Path> templatesIn(Path outdir) {
        try (Stream<Path> files = Files.walk(outdir)) {
            return files
                    .filter(file -> file.getFileName().toString().endsWith(".template.json"))
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
