package io.waymark.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.infra.data.RdsCertificates;
import io.waymark.infra.service.ContainerHealthCheck;
import io.waymark.repository.RepositoryFiles;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Static rules of the Dockerfile that hold on every machine; scripts/container-test builds and runs
 * the image with podman where that is possible.
 */
class DockerfileTest {

    private static final String RDS_CA_STAGE = "rds-ca";

    /**
     * Defect 8: CodeBuild pulls anonymously from shared addresses, which Docker Hub rate-limits;
     * ECR Public mirrors the Docker Official Images under the same names and tags.
     */
    private static final String TEMURIN = "public.ecr.aws/docker/library/eclipse-temurin";

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
        List<String> matches =
                finalStage().stream().filter(line -> line.startsWith(instruction + " ")).toList();
        assertThat(matches).as(instruction).hasSize(1);
        return matches.getFirst();
    }

    @Test
    void buildsInOneStageAndRunsOnAMaintainedJreOfJava21OrLater() {
        List<String> froms = lines.stream().filter(line -> line.startsWith("FROM ")).toList();
        assertThat(froms).hasSize(3);
        assertThat(froms.getFirst()).contains(TEMURIN + ":").endsWith(" AS build");
        assertThat(froms.get(1)).contains(TEMURIN + ":").endsWith(" AS " + RDS_CA_STAGE);
        var runtime =
                Pattern.compile("FROM " + Pattern.quote(TEMURIN) + ":(\\d+)-jre-\\w+")
                        .matcher(froms.getLast());
        assertThat(runtime.matches()).as(froms.getLast()).isTrue();
        assertThat(Integer.parseInt(runtime.group(1))).isGreaterThanOrEqualTo(21);
    }

    @Test
    void runsAsANonRootUser() {
        String user = only("USER").substring("USER ".length());
        assertThat(user.split(":")[0]).isNotIn("root", "0");
    }

    @Test
    void usesTheLayeredJarAndTrainsAnAotCacheForEachKindOfRun() throws Exception {
        assertThat(lines)
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .contains("-Djarmode=tools")
                                        .contains("extract --layers"));
        assertThat(finalStage())
                .anySatisfy(line -> assertThat(line).endsWith("&& /app/waymark train"));
        String launcher = RepositoryFiles.read("scripts/container/waymark");
        var written =
                Pattern.compile(
                                "-XX:AOTCacheOutput=\"([^\"]+)\" -jar \"\\$home/waymark.jar\" (\\w+)")
                        .matcher(launcher)
                        .results()
                        .map(training -> training.group(2) + " " + training.group(1))
                        .toList();
        assertThat(written)
                .as("serve's cache from the request mix (`train`), migrate's from a migration")
                .containsExactly("train $home/waymark.aot", "migrate $home/migrate.aot");
        var read =
                Pattern.compile("-XX:AOTCache=\"([^\"]+)\"")
                        .matcher(launcher)
                        .results()
                        .map(run -> run.group(1))
                        .toList();
        assertThat(read)
                .as("each command starts with the cache trained for it")
                .containsExactly("$home/migrate.aot", "$home/waymark.aot");
        assertThat(launcher)
                .contains("migrate) exec \"${run[@]}\" -XX:AOTCache=\"$home/migrate.aot\"")
                .contains("*) exec \"${run[@]}\" -XX:AOTCache=\"$home/waymark.aot\"");
    }

    @Test
    void theLauncherIsTheEntrypointServeTheDefaultCommandAndTheHeapIsFixed() throws Exception {
        assertThat(only("ENTRYPOINT")).isEqualTo("ENTRYPOINT [\"/app/waymark\"]");
        assertThat(finalStage())
                .contains(
                        "COPY scripts/container/waymark /app/waymark",
                        "COPY scripts/container/jvm.options /app/jvm.options");
        var launcher = RepositoryFiles.root().resolve("scripts/container/waymark");
        assertThat(Files.isExecutable(launcher)).isTrue();
        assertThat(Files.readString(launcher))
                .startsWith("#!/bin/bash")
                .contains("run=(java \"@$home/jvm.options\")");
        assertThat(RepositoryFiles.read(".dockerignore")).contains("!scripts/container/waymark");
        // sqlite-jdbc's native library, out of its jar for both platforms, where the launcher looks
        // (bash's HOSTTYPE is x86_64 or aarch64).
        assertThat(String.join("\n", lines))
                .contains(
                        "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so",
                        "org/sqlite/native/Linux/aarch64/libsqlitejdbc.so");
        assertThat(finalStage()).contains("COPY --from=build /native/ /app/native/");
        assertThat(Files.readString(launcher))
                .contains("-Dorg.sqlite.lib.path=$home/native/$HOSTTYPE");
        assertThat(
                        Files.readString(
                                RepositoryFiles.root().resolve("scripts/container/jvm.options")))
                .contains("-Xmx128m");
        assertThat(only("CMD")).isEqualTo("CMD [\"serve\"]");
    }

    /**
     * The to-do app's health check called curl, which its image did not have; ours is bash and
     * /dev/tcp. Item 7: it asks for liveness, with the timing of the ECS task definition.
     */
    @Test
    void theHealthCheckRunsAScriptCopiedIntoTheImageThatProbesLiveness() throws Exception {
        var healthcheck =
                Pattern.compile("HEALTHCHECK (.*) CMD \\[\"(\\S+)\"]").matcher(only("HEALTHCHECK"));
        assertThat(healthcheck.matches()).isTrue();
        assertThat(healthcheck.group(1)).isEqualTo(ContainerHealthCheck.SERVE.dockerfileOptions());
        String inImage = healthcheck.group(2);
        assertThat(inImage).isEqualTo(ContainerHealthCheck.SCRIPT);
        String copy =
                finalStage().stream()
                        .filter(line -> line.startsWith("COPY ") && line.endsWith(" " + inImage))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no COPY to " + inImage));
        var script = RepositoryFiles.root().resolve(copy.split("\\s+")[1]);
        assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
        assertThat(Files.readString(script))
                .startsWith("#!/bin/bash")
                .contains("/dev/tcp/")
                .contains("GET " + ContainerHealthCheck.LIVENESS_PATH + " HTTP/1.1")
                .doesNotContain("GET /health/ready");
        assertThat(RepositoryFiles.read(".dockerignore")).contains("!" + copy.split("\\s+")[1]);
    }

    /**
     * Item 1: the RDS CAs, from a pinned download, in the PEM file pgjdbc reads and in the JVM's
     * cacerts.
     */
    @Test
    void theRdsCertificateAuthoritiesComeFromAPinnedSourceIntoThePemBundleAndTheJvmTrustStore() {
        List<String> stage = stage(RDS_CA_STAGE);
        assertThat(stage)
                .anySatisfy(line -> assertThat(line).matches("ARG RDS_CA_BUNDLE_URL=https://\\S+"));
        assertThat(stage)
                .anySatisfy(
                        line -> assertThat(line).matches("ARG RDS_CA_BUNDLE_SHA256=[0-9a-f]{64}"));
        assertThat(stage)
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .startsWith(
                                                "RUN java /tmp/RdsCaBundle.java \"$RDS_CA_BUNDLE_URL\" \"$RDS_CA_BUNDLE_SHA256\" /rds-ca"));
        assertThat(RepositoryFiles.read(".dockerignore"))
                .contains("!scripts/container/RdsCaBundle.java");
        assertThat(finalStage())
                .contains(
                        "COPY --from="
                                + RDS_CA_STAGE
                                + " /rds-ca/rds-ca-bundle.pem "
                                + RdsCertificates.PEM_BUNDLE);
        assertThat(finalStage())
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .contains("from=" + RDS_CA_STAGE)
                                        .contains("keytool -importkeystore")
                                        .contains("/rds-ca.p12")
                                        .contains("-cacerts"));
    }

    /**
     * The task's read-only root leaves /tmp to a task volume, which takes the image's mode only if
     * declared.
     */
    @Test
    void tmpIsADeclaredVolumeSoTheReadOnlyTaskCanWriteIt() {
        assertThat(finalStage()).contains("VOLUME [\"/tmp\"]");
    }

    private List<String> stage(String name) {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ") && lines.get(i).endsWith(" AS " + name)) {
                start = i;
            } else if (start >= 0 && lines.get(i).startsWith("FROM ")) {
                return lines.subList(start, i);
            }
        }
        throw new AssertionError("no stage " + name);
    }

    @Test
    void theBuildContextIsAnAllowList() {
        List<String> ignore =
                RepositoryFiles.read(".dockerignore")
                        .lines()
                        .filter(line -> !line.isBlank() && !line.startsWith("#"))
                        .toList();
        assertThat(ignore.getFirst()).isEqualTo("*");
        assertThat(ignore)
                .contains("!mvnw", "!pom.xml", "!service/pom.xml", "!service/src/main/**");
    }
}
