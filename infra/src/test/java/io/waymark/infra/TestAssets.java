package io.waymark.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stand-ins for build outputs of other modules, so infra tests never wait for the authorizer
 * module: CDK only hashes and zips the asset, it never runs it.
 */
final class TestAssets {

    private TestAssets() {}

    static synchronized Path authorizerStandIn() {
        Path dir = Path.of("target", "test-authorizer-asset");
        try {
            Files.createDirectories(dir);
            Path marker = dir.resolve("README.txt");
            if (!Files.exists(marker)) {
                Files.writeString(
                        marker,
                        "stand-in for authorizer/target/waymark-authorizer.jar in infra tests\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.toAbsolutePath();
    }

    static Path outdir(String name) {
        return Path.of("target", "cdk-test-out", name.replaceAll("[^A-Za-z0-9-]", "-"))
                .toAbsolutePath();
    }
}
