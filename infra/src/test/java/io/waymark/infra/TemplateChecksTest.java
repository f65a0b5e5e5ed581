package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * cfn-lint and AWS's own policy rules (cfn-guard with the AWS Control Tower rules) over every
 * synthesized template: each service combination with and without a domain, the GitHub delivery
 * stack, and every pipeline with its two stage stacks. What they report must be fixed or listed in
 * {@link AcceptedFindings} with its reason.
 */
class TemplateChecksTest {

    private static List<Finding> lintFindings;
    private static List<Finding> guardFindings;

    @Test
    void cfnLintReportsNothingOutsideTheAcceptedList() throws Exception {
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
    void everyAcceptedFindingStillOccurs() throws Exception {
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

    private static synchronized List<Finding> lint() throws Exception {
        if (lintFindings == null) {
            Path cfnLint = TemplateTools.cfnLint();
            lintFindings = checkers().cfnLint(cfnLint, templates());
        }
        return lintFindings;
    }

    private static synchronized List<Finding> guard() {
        if (guardFindings == null) {
            Path guardPackage = TemplateTools.cfnGuardPackage();
            guardFindings = checkers().cfnGuard(guardPackage, templates());
        }
        return guardFindings;
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
