package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 23, item 5: a context the app refuses reaches the person running {@code cdk synth} as one
 * line naming the key (the CDK CLI hands the app its context in CDK_CONTEXT_JSON, as here), with a
 * non-zero exit and no stack trace, so exec:java has nothing to wrap in Maven's [ERROR] lines.
 */
class ConfigurationErrorLineTest {

    @TempDir Path outdir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"imageTag\":\"latest\"}|imageTag",
                "{\"imageTag\":\"0123abcd\",\"profile\":\"standard\",\"ingress\":\"alb\"}|domain"
            })
    void aRefusedContextIsOneLineOnStderr(String context, String key)
            throws IOException, InterruptedException {
        Path stderr = outdir.resolve("stderr");
        ProcessBuilder builder =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                WaymarkApp.class.getName())
                        .redirectOutput(outdir.resolve("stdout").toFile())
                        .redirectError(stderr.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("CDK_CONTEXT_JSON", context);
        builder.environment().put("CDK_OUTDIR", outdir.resolve("out").toString());
        Process app = builder.start();
        assertThat(app.waitFor(2, TimeUnit.MINUTES)).isTrue();

        String error = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(app.exitValue()).as(error).isEqualTo(2);
        assertThat(error.lines().filter(line -> !line.isBlank()).toList())
                .as(error)
                .singleElement()
                .satisfies(
                        line ->
                                assertThat(line)
                                        .startsWith("Invalid CDK context '" + key + "': ")
                                        .doesNotContain("Exception"));
    }
}
