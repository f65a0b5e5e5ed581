package io.waymark.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.infra.service.CollectorImage;
import io.waymark.infra.service.ServiceImage;
import io.waymark.repository.Yamls;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeployWorkflowTest {

    private static final String ENVIRONMENT_WORKFLOW = "./.github/workflows/deploy-environment.yml";

    private final Workflow deploy = Workflow.named("deploy.yml");
    private final Workflow environment = Workflow.named("deploy-environment.yml");

    @Test
    void runsOnPushToMainAndByHandWithAnEnvironmentChoice() {
        var push = Yamls.map(deploy.triggers().get("push"), "push");
        assertThat(Yamls.list(push.get("branches"), "branches")).containsExactly("main");
        var inputs =
                Yamls.map(
                        Yamls.map(deploy.triggers().get("workflow_dispatch"), "workflow_dispatch")
                                .get("inputs"),
                        "inputs");
        var choice = Yamls.map(inputs.get("environment"), "environment input");
        assertThat(choice.get("type")).isEqualTo("choice");
        assertThat(Yamls.list(choice.get("options"), "options")).containsExactly("dev", "prod");
    }

    @Test
    void aRunningDeploymentIsNeverCancelled() {
        var concurrency = Yamls.map(deploy.document().get("concurrency"), "concurrency");
        assertThat(concurrency.get("cancel-in-progress")).isEqualTo(false);
    }

    @Test
    void theImageIsBuiltOnlyAfterVerifyPasses() {
        assertThat(deploy.job("verify").uses()).contains("./.github/workflows/ci.yml");
        assertThat(Yamls.text(deploy.job("image").body().get("needs"))).isEqualTo("verify");
    }

    /**
     * Issue 18, defect 8: the trace collector runs from the service's own repository, so the image
     * job copies it there with the same command as the CodePipeline image step.
     */
    @Test
    void theImageJobCopiesTheTraceCollectorImageIntoTheServiceRepository() {
        assertThat(deploy.job("image").steps())
                .extracting(step -> step.run().strip())
                .contains(CollectorImage.copyCommand(ServiceImage.REPOSITORY));
    }

    @Test
    void pushesOneMultiArchImageTaggedWithTheCommitSha() {
        List<Workflow.Step> build = deploy.job("image").stepsUsing("docker/build-push-action");
        assertThat(build).hasSize(1);
        var with = build.getFirst().with();
        assertThat(Yamls.text(with.get("platforms")).split(","))
                .containsExactlyInAnyOrder("linux/amd64", "linux/arm64");
        assertThat(with.get("push")).isEqualTo(true);
        assertThat(Yamls.text(with.get("tags")).strip())
                .endsWith(":${{ github.sha }}")
                .doesNotContain("\n");
    }

    /**
     * Issue 18, defect 3: BuildKit's default provenance (and an SBOM) add an attestation manifest
     * per platform, untagged images in ECR that its lifecycle rules count; the image is the index
     * and its two platform manifests only.
     */
    @Test
    void theImageIsPushedWithoutProvenanceOrSbomManifests() {
        var with = deploy.job("image").stepsUsing("docker/build-push-action").getFirst().with();
        assertThat(with).containsEntry("provenance", false).containsEntry("sbom", false);
    }

    /**
     * The service stacks pull from the repository the delivery stack makes; both must name the same
     * one.
     */
    @Test
    void pushesToTheRepositoryTheServiceStacksImport() {
        var env = Yamls.map(deploy.document().get("env"), "env");
        assertThat(env).containsEntry("ECR_REPOSITORY", ServiceImage.REPOSITORY);
    }

    @Test
    void devAndProdDeployThroughTheEnvironmentWorkflow() {
        for (String env : List.of("dev", "prod")) {
            Workflow.Job job = deploy.job(env);
            assertThat(job.uses()).as(env).contains(ENVIRONMENT_WORKFLOW);
            assertThat(job.with()).as(env).containsEntry("environment", env);
            assertThat(job.permissions()).as(env).containsEntry("id-token", "write");
        }
        assertThat(Yamls.text(deploy.job("prod").body().get("needs"))).contains("dev");
    }

    /**
     * GitHub's protection rules (required reviewers on prod) apply only to a job that names the
     * environment.
     */
    @Test
    void theDeployJobRunsInTheRequestedGitHubEnvironment() {
        Workflow.Job job = environment.job("deploy");
        var githubEnvironment = Yamls.map(job.body().get("environment"), "environment");
        assertThat(githubEnvironment.get("name")).isEqualTo("${{ inputs.environment }}");
        assertThat(job.permissions()).containsEntry("id-token", "write");
    }

    @Test
    void deploysWithCdkV2AndTheCommitShaAsImageTag() {
        List<String> cdk =
                environment.job("deploy").steps().stream()
                        .map(Workflow.Step::run)
                        .filter(run -> run.contains("aws-cdk"))
                        .toList();
        assertThat(cdk).hasSize(1);
        assertThat(cdk.getFirst())
                .contains("npx --yes aws-cdk@2 deploy \"Waymark-${ENVIRONMENT}\"")
                .contains("-c imageTag=${{ github.sha }}")
                .contains("-c env=\"${ENVIRONMENT}\"")
                .contains("--require-approval never");
    }

    @Test
    void smokeTestsTheStackOutputUrl() {
        List<Workflow.Step> smoke =
                environment.job("deploy").steps().stream()
                        .filter(step -> step.run().contains("scripts/smoke-test"))
                        .toList();
        assertThat(smoke).hasSize(1);
        assertThat(smoke.getFirst().env())
                .containsEntry("API_URL", "${{ steps.outputs.outputs.api-url }}");
        assertThat(environment.text())
                .contains("--outputs-file cdk-outputs.json")
                .contains("test(\"^ApiUrl\"");
    }
}
