package io.waymark.infra;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the template checkers are: cfn-lint on the PATH (or {@code CFN_LINT}), and the cfn-guard
 * binary and the AWS Control Tower rules of the npm package
 * {@code @cdklabs/cdk-validator-cfnguard}, which .ci/run installs under {@code
 * ~/.cache/waymark-tools/cfnguard} (or {@code CFN_GUARD_PACKAGE}). On a developer machine without
 * them the checks are skipped with a message; with {@code WAYMARK_REQUIRE_TEMPLATE_CHECKS=true}
 * (.ci/run) a missing tool fails the build instead.
 */
final class TemplateTools {

    static final String GUARD_PACKAGE = "node_modules/@cdklabs/cdk-validator-cfnguard";

    private TemplateTools() {}

    static Path cfnLint() {
        return Optional.ofNullable(System.getenv("CFN_LINT"))
                .map(Path::of)
                .or(() -> onPath("cfn-lint"))
                .filter(Files::isExecutable)
                .orElseGet(() -> missing("cfn-lint (pip install cfn-lint, or set CFN_LINT)"));
    }

    /**
     * The package directory holding {@code bin/ubuntu/x86_64/cfn-guard} and {@code
     * rules/control-tower/cfn-guard}.
     */
    static Path cfnGuardPackage() {
        Path base =
                Optional.ofNullable(System.getenv("CFN_GUARD_PACKAGE"))
                        .map(Path::of)
                        .orElse(
                                Path.of(
                                        System.getProperty("user.home"),
                                        ".cache",
                                        "waymark-tools",
                                        "cfnguard",
                                        GUARD_PACKAGE));
        if (!Files.isExecutable(guardBinary(base)) || !Files.isDirectory(guardRules(base))) {
            return missing(
                    "cfn-guard and the Control Tower rules (npm install --prefix ~/.cache/waymark-tools/cfnguard "
                            + "@cdklabs/cdk-validator-cfnguard@0.0.62, or set CFN_GUARD_PACKAGE)");
        }
        return base;
    }

    static Path guardBinary(Path guardPackage) {
        return guardPackage.resolve("bin/ubuntu/x86_64/cfn-guard");
    }

    static Path guardRules(Path guardPackage) {
        return guardPackage.resolve("rules/control-tower/cfn-guard");
    }

    private static Optional<Path> onPath(String name) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static <T> T missing(String what) {
        if ("true".equals(System.getenv("WAYMARK_REQUIRE_TEMPLATE_CHECKS"))) {
            throw new AssertionError(
                    "missing " + what + "; WAYMARK_REQUIRE_TEMPLATE_CHECKS=true requires it");
        }
        String reason = "template check skipped: missing " + what;
        // Surefire keeps test output in the reports (redirectTestOutputToFile), and the skip's
        // reason only in the XML; the fork's own stderr still reaches the console.
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8)
                .println(System.lineSeparator() + "[SKIPPED] " + reason);
        Assumptions.abort(reason);
        throw new IllegalStateException("unreachable");
    }
}
