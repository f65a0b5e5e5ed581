package io.waymark.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.repository.Yamls;
import java.util.List;
import org.junit.jupiter.api.Test;

class CiWorkflowTest {

    private final Workflow ci = Workflow.named("ci.yml");

    @Test
    void runsOnEveryPushAndPullRequestAndWhenCalledByDeploy() {
        assertThat(ci.triggers()).containsKeys("push", "pull_request", "workflow_call");
    }

    @Test
    void aNewerPushCancelsTheRunningBuildOfTheSameBranch() {
        var concurrency = Yamls.map(ci.document().get("concurrency"), "concurrency");
        assertThat(Yamls.text(concurrency.get("group"))).contains("github.ref");
        assertThat(concurrency.get("cancel-in-progress")).isEqualTo(true);
    }

    @Test
    void buildsWithTemurin21AndCachesMaven() {
        List<Workflow.Step> setupJava = ci.job("verify").stepsUsing("actions/setup-java");
        assertThat(setupJava).hasSize(1);
        assertThat(setupJava.getFirst().with())
                .containsEntry("distribution", "temurin")
                .containsEntry("java-version", "21")
                .containsEntry("cache", "maven");
    }

    @Test
    void runsTheSameVerifyAsDevelopers() {
        assertThat(ci.job("verify").steps())
                .extracting(Workflow.Step::run)
                .anySatisfy(run -> assertThat(run).contains("./mvnw -B verify"));
    }

    @Test
    void uploadsTestReportsEvenWhenTestsFail() {
        List<Workflow.Step> upload = ci.job("verify").stepsUsing("actions/upload-artifact");
        assertThat(upload).hasSize(1);
        assertThat(Yamls.text(upload.getFirst().body().get("if"))).contains("!cancelled()");
        assertThat(Yamls.text(upload.getFirst().with().get("path"))).contains("surefire-reports");
    }

    @Test
    void noJobCanWrite() {
        assertThat(ci.jobs().values())
                .allSatisfy(
                        job ->
                                assertThat(job.permissions().values())
                                        .as("job %s", job.id())
                                        .allSatisfy(
                                                level -> assertThat(level).isIn("read", "none")));
    }
}
