package io.waymark.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Static rules of the Dockerfile that hold on every machine; scripts/container-test builds and runs the
 * image with podman where that is possible.
 */
class DockerfileTest {

    private final List<String> lines = instructions(RepositoryFiles.read("Dockerfile"));

    /** Instructions with continuation lines joined and comments dropped. */
    private static List<String> instructions(String dockerfile) {
        return Arrays.stream(dockerfile.replaceAll("\\\\\\n", " ").split("\\n"))
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    private List<String> finalStage() {
        int lastFrom = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                lastFrom = i;
            }
        }
        return lines.subList(lastFrom, lines.size());
    }

    private String only(String instruction) {
        List<String> matches = finalStage().stream().filter(line -> line.startsWith(instruction + " ")).toList();
        assertThat(matches).as(instruction).hasSize(1);
        return matches.getFirst();
    }

    @Test
    void buildsInOneStageAndRunsOnAMaintainedJreOfJava21OrLater() {
        List<String> froms = lines.stream().filter(line -> line.startsWith("FROM ")).toList();
        assertThat(froms).hasSize(2);
        assertThat(froms.getFirst()).contains("eclipse-temurin:").endsWith(" AS build");
        var runtime = Pattern.compile("FROM eclipse-temurin:(\\d+)-jre-\\w+").matcher(froms.getLast());
        assertThat(runtime.matches()).as(froms.getLast()).isTrue();
        assertThat(Integer.parseInt(runtime.group(1))).isGreaterThanOrEqualTo(21);
    }

    @Test
    void runsAsANonRootUser() {
        String user = only("USER").substring("USER ".length());
        assertThat(user.split(":")[0]).isNotIn("root", "0");
    }

    @Test
    void usesTheLayeredJarAndAnAotCacheFromATrainingRun() {
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("-Djarmode=tools").contains("extract --layers"));
        var output = Pattern.compile("-XX:AOTCacheOutput=(\\S+)").matcher(String.join("\n", finalStage()));
        assertThat(output.find()).as("training run with -XX:AOTCacheOutput").isTrue();
        assertThat(String.join("\n", finalStage())).contains("-Dspring.context.exit=onRefresh");
        assertThat(only("ENTRYPOINT")).contains("\"-XX:AOTCache=" + output.group(1) + "\"");
    }

    @Test
    void theJarIsTheEntrypointServeTheDefaultCommandAndTheHeapFollowsTheContainer() {
        assertThat(only("ENTRYPOINT")).startsWith("ENTRYPOINT [\"java\"").contains("\"-jar\"").contains("MaxRAMPercentage");
        assertThat(only("CMD")).isEqualTo("CMD [\"serve\"]");
    }

    /** The to-do app's health check called curl, which its image did not have; ours is bash and /dev/tcp. */
    @Test
    void theHealthCheckRunsAScriptCopiedIntoTheImageThatProbesReadiness() throws Exception {
        var healthcheck = Pattern.compile("HEALTHCHECK .*CMD \\[\"(\\S+)\"]").matcher(only("HEALTHCHECK"));
        assertThat(healthcheck.matches()).isTrue();
        String inImage = healthcheck.group(1);
        String copy = finalStage().stream().filter(line -> line.startsWith("COPY ") && line.endsWith(" " + inImage))
                .findFirst().orElseThrow(() -> new AssertionError("no COPY to " + inImage));
        var script = RepositoryFiles.root().resolve(copy.split("\\s+")[1]);
        assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
        assertThat(Files.readString(script)).startsWith("#!/bin/bash").contains("/dev/tcp/").contains("/health/ready");
        assertThat(RepositoryFiles.read(".dockerignore")).contains("!" + copy.split("\\s+")[1]);
    }

    @Test
    void theBuildContextIsAnAllowList() {
        List<String> ignore = RepositoryFiles.read(".dockerignore").lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertThat(ignore.getFirst()).isEqualTo("*");
        assertThat(ignore).contains("!mvnw", "!pom.xml", "!service/pom.xml", "!service/src/main/**");
    }
}
