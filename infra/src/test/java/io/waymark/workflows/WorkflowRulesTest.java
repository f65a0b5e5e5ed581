package io.waymark.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.repository.InlineSecrets;
import io.waymark.repository.RepositoryFiles;
import io.waymark.repository.Yamls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rules every workflow under .github/workflows must keep. */
class WorkflowRulesTest {

    private static final String AWS_CREDENTIALS_ACTION = "aws-actions/configure-aws-credentials";
    // The roles of the WaymarkDelivery stack (GithubRoles): per environment, and the image role for
    // main.
    private static final String DEPLOY_ROLE = "${{ vars.AWS_DEPLOY_ROLE_ARN }}";
    private static final String IMAGE_ROLE = "${{ vars.AWS_IMAGE_ROLE_ARN }}";

    static Stream<Workflow> workflows() {
        return RepositoryFiles.workflows().stream().map(Workflow::load);
    }

    @Test
    void ciAndDeployWorkflowsExist() {
        assertThat(RepositoryFiles.workflows())
                .extracting(path -> path.getFileName().toString())
                .contains("ci.yml", "deploy.yml");
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void parsesWithTriggersAndJobs(Workflow workflow) {
        assertThat(workflow.triggers()).as("%s triggers", workflow.fileName()).isNotEmpty();
        assertThat(workflow.jobs()).as("%s jobs", workflow.fileName()).isNotEmpty();
    }

    /**
     * Item 15: jobs here hold {@code id-token: write}, so what runs in them must not change behind
     * a moved tag: every action is pinned to a commit SHA, with the release it is in a comment for
     * the reader and Dependabot.
     */
    @ParameterizedTest
    @MethodSource("workflows")
    void everyActionIsPinnedToACommitShaWithItsVersionInAComment(Workflow workflow) {
        assertThat(workflow.uses())
                .as("%s uses", workflow.fileName())
                .isNotEmpty()
                .allSatisfy(
                        uses -> {
                            var reference = new ActionReference(uses);
                            assertThat(reference.isPinnedToCommit())
                                    .as(
                                            "%s: %s is pinned to a full commit SHA",
                                            workflow.fileName(), uses)
                                    .isTrue();
                            if (!reference.isLocal()) {
                                assertThat(workflow.text())
                                        .as(
                                                "%s: %s has its tag in a comment",
                                                workflow.fileName(), uses)
                                        .containsPattern(
                                                "uses: "
                                                        + Pattern.quote(uses)
                                                        + " # v\\d+\\.\\d+\\.\\d+\\n");
                            }
                        });
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void localReusableWorkflowsExistAndAreCallable(Workflow workflow) {
        workflow.jobs().values().stream()
                .flatMap(job -> job.uses().stream())
                .map(ActionReference::new)
                .filter(ActionReference::isLocal)
                .forEach(
                        reference -> {
                            Path called =
                                    RepositoryFiles.root().resolve(reference.value().substring(2));
                            assertThat(called)
                                    .as("%s calls %s", workflow.fileName(), reference.value())
                                    .exists();
                            assertThat(Workflow.load(called).triggers())
                                    .containsKey("workflow_call");
                        });
    }

    /** Least privilege: the default token only reads; a job that needs more asks for it itself. */
    @ParameterizedTest
    @MethodSource("workflows")
    void topLevelPermissionsAreSetAndReadOnly(Workflow workflow) {
        assertThat(workflow.document())
                .as("%s sets permissions at top level", workflow.fileName())
                .containsKey("permissions");
        assertThat(workflow.permissions().values())
                .as("%s top-level permissions", workflow.fileName())
                .allSatisfy(level -> assertThat(level).isIn("read", "none"));
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void onlyJobsThatUseAwsRequestAnOidcToken(Workflow workflow) {
        for (Workflow.Job job : workflow.jobs().values()) {
            boolean requestsToken = "write".equals(job.permissions().get("id-token"));
            boolean usesAws =
                    !job.stepsUsing(AWS_CREDENTIALS_ACTION).isEmpty() || job.uses().isPresent();
            if (requestsToken) {
                assertThat(usesAws)
                        .as(
                                "%s job %s requests an OIDC token without using AWS",
                                workflow.fileName(), job.id())
                        .isTrue();
            }
            if (!job.stepsUsing(AWS_CREDENTIALS_ACTION).isEmpty()) {
                assertThat(requestsToken)
                        .as(
                                "%s job %s needs id-token: write for OIDC",
                                workflow.fileName(), job.id())
                        .isTrue();
            }
        }
    }

    /**
     * AWS credentials only through OIDC and the role variables: no stored access keys, no role ARN
     * in the file. Item 13: a job in a GitHub environment assumes that environment's deploy role
     * (the variable is set per environment); a job without one may only push images, and only from
     * main.
     */
    @ParameterizedTest
    @MethodSource("workflows")
    void awsCredentialsComeFromOidcAndTheRoleOfTheJobsKind(Workflow workflow) {
        for (Workflow.Job job : workflow.jobs().values()) {
            boolean inEnvironment = job.body().containsKey("environment");
            for (Workflow.Step step : job.stepsUsing(AWS_CREDENTIALS_ACTION)) {
                if (!inEnvironment) {
                    assertThat(Yamls.text(job.body().get("if")))
                            .as("%s job %s", workflow.fileName(), job.id())
                            .contains("github.ref == 'refs/heads/main'");
                }
                assertThat(step.with())
                        .as("%s job %s", workflow.fileName(), job.id())
                        .containsEntry("role-to-assume", inEnvironment ? DEPLOY_ROLE : IMAGE_ROLE)
                        .containsKey("aws-region")
                        .doesNotContainKeys(
                                "aws-access-key-id", "aws-secret-access-key", "aws-session-token");
            }
        }
        assertThat(workflow.text())
                .as("%s mentions stored AWS keys", workflow.fileName())
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
        List<String> scripts =
                workflow.steps().stream()
                        .flatMap(step -> Stream.of(step.run().split("\\s+")))
                        .filter(word -> word.startsWith("scripts/") || word.equals("./mvnw"))
                        .distinct()
                        .toList();
        assertThat(scripts)
                .allSatisfy(
                        script -> {
                            Path file = RepositoryFiles.root().resolve(script);
                            assertThat(file)
                                    .as("%s runs %s", workflow.fileName(), script)
                                    .isRegularFile();
                            assertThat(Files.isExecutable(file))
                                    .as("%s is executable", script)
                                    .isTrue();
                        });
    }

    @Test
    void deployWorkflowsNeverPushOrDeployLatest() {
        for (String name : Set.of("deploy.yml", "deploy-environment.yml")) {
            assertThat(Workflow.named(name).text())
                    .as(name)
                    .doesNotContainPattern("(?i)[:=]latest\\b");
        }
    }
}
