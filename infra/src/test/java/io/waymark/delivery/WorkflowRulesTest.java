package io.waymark.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rules every workflow under .github/workflows must keep. */
class WorkflowRulesTest {

    private static final String AWS_CREDENTIALS_ACTION = "aws-actions/configure-aws-credentials";
    private static final String DEPLOY_ROLE = "${{ vars.AWS_DEPLOY_ROLE_ARN }}";

    static Stream<Workflow> workflows() {
        return RepositoryFiles.workflows().stream().map(Workflow::load);
    }

    @Test
    void ciAndDeployWorkflowsExist() {
        assertThat(RepositoryFiles.workflows()).extracting(path -> path.getFileName().toString())
                .contains("ci.yml", "deploy.yml");
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void parsesWithTriggersAndJobs(Workflow workflow) {
        assertThat(workflow.triggers()).as("%s triggers", workflow.fileName()).isNotEmpty();
        assertThat(workflow.jobs()).as("%s jobs", workflow.fileName()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void everyActionIsPinnedToAVersionTagOrCommit(Workflow workflow) {
        assertThat(workflow.uses()).as("%s uses", workflow.fileName()).isNotEmpty()
                .allSatisfy(uses -> assertThat(new ActionReference(uses).isPinned())
                        .as("%s: %s is pinned to a version tag or commit SHA", workflow.fileName(), uses).isTrue());
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void localReusableWorkflowsExistAndAreCallable(Workflow workflow) {
        workflow.jobs().values().stream()
                .flatMap(job -> job.uses().stream())
                .map(ActionReference::new)
                .filter(ActionReference::isLocal)
                .forEach(reference -> {
                    Path called = RepositoryFiles.root().resolve(reference.value().substring(2));
                    assertThat(called).as("%s calls %s", workflow.fileName(), reference.value()).exists();
                    assertThat(Workflow.load(called).triggers()).containsKey("workflow_call");
                });
    }

    /** Least privilege: the default token only reads; a job that needs more asks for it itself. */
    @ParameterizedTest
    @MethodSource("workflows")
    void topLevelPermissionsAreSetAndReadOnly(Workflow workflow) {
        assertThat(workflow.document()).as("%s sets permissions at top level", workflow.fileName())
                .containsKey("permissions");
        assertThat(workflow.permissions().values()).as("%s top-level permissions", workflow.fileName())
                .allSatisfy(level -> assertThat(level).isIn("read", "none"));
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void onlyJobsThatUseAwsRequestAnOidcToken(Workflow workflow) {
        for (Workflow.Job job : workflow.jobs().values()) {
            boolean requestsToken = "write".equals(job.permissions().get("id-token"));
            boolean usesAws = !job.stepsUsing(AWS_CREDENTIALS_ACTION).isEmpty() || job.uses().isPresent();
            if (requestsToken) {
                assertThat(usesAws).as("%s job %s requests an OIDC token without using AWS", workflow.fileName(), job.id())
                        .isTrue();
            }
            if (!job.stepsUsing(AWS_CREDENTIALS_ACTION).isEmpty()) {
                assertThat(requestsToken).as("%s job %s needs id-token: write for OIDC", workflow.fileName(), job.id())
                        .isTrue();
            }
        }
    }

    /** AWS credentials only through OIDC and the deploy role: no stored access keys, no role ARN in the file. */
    @ParameterizedTest
    @MethodSource("workflows")
    void awsCredentialsComeFromOidcAndTheDeployRoleVariable(Workflow workflow) {
        for (Workflow.Job job : workflow.jobs().values()) {
            for (Workflow.Step step : job.stepsUsing(AWS_CREDENTIALS_ACTION)) {
                assertThat(step.with()).as("%s job %s", workflow.fileName(), job.id())
                        .containsEntry("role-to-assume", DEPLOY_ROLE)
                        .containsKey("aws-region")
                        .doesNotContainKeys("aws-access-key-id", "aws-secret-access-key", "aws-session-token");
            }
        }
        assertThat(workflow.text()).as("%s mentions stored AWS keys", workflow.fileName())
                .doesNotContain("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void noSecretValuesInline(Workflow workflow) {
        assertThat(InlineSecrets.inText(workflow.text())).as(workflow.fileName()).isEmpty();
        assertThat(InlineSecrets.inDocument(workflow.document())).as(workflow.fileName()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void scriptsCalledByWorkflowsExistAndAreExecutable(Workflow workflow) {
        List<String> scripts = workflow.steps().stream()
                .flatMap(step -> Stream.of(step.run().split("\\s+")))
                .filter(word -> word.startsWith("scripts/") || word.equals("./mvnw"))
                .distinct()
                .toList();
        assertThat(scripts).allSatisfy(script -> {
            Path file = RepositoryFiles.root().resolve(script);
            assertThat(file).as("%s runs %s", workflow.fileName(), script).isRegularFile();
            assertThat(Files.isExecutable(file)).as("%s is executable", script).isTrue();
        });
    }

    @Test
    void deployWorkflowsNeverPushOrDeployLatest() {
        for (String name : Set.of("deploy.yml", "deploy-environment.yml")) {
            assertThat(Workflow.named(name).text()).as(name).doesNotContainPattern("(?i)[:=]latest\\b");
        }
    }
}
