package io.waymark.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InlineSecretsTest {

    // Built at run time so this file itself never contains something that looks like a key.
    private static final String FAKE_KEY_ID = "AKIA" + "Z".repeat(16);

    @Test
    void awsKeyIdsAndPrivateKeysInTextAreFound() {
        String text = "env:\n  KEY: " + FAKE_KEY_ID + "\n-----BEGIN EC " + "PRIVATE KEY-----\n";

        assertThat(InlineSecrets.inText(text))
                .containsExactly("AWS access key id " + FAKE_KEY_ID, "a private key block");
    }

    @Test
    void literalSecretSettingsAreFoundAnywhereInTheDocument() {
        Object document =
                Map.of(
                        "jobs",
                        Map.of(
                                "deploy",
                                Map.of(
                                        "steps",
                                        List.of(
                                                Map.of(
                                                        "with",
                                                        Map.of("aws-secret-access-key", "abc123")),
                                                Map.of(
                                                        "env",
                                                        Map.of(
                                                                "DATABASE_PASSWORD",
                                                                "hunter2hunter2"))))));

        assertThat(InlineSecrets.inDocument(document))
                .containsExactlyInAnyOrder(
                        "/jobs/deploy/steps[0]/with/aws-secret-access-key = abc123",
                        "/jobs/deploy/steps[1]/env/DATABASE_PASSWORD = hunter2hunter2");
    }

    @Test
    void expressionsInterpolationsPermissionLevelsAndFlagsAreNotSecrets() {
        Object document =
                Map.of(
                        "permissions", Map.of("id-token", "write"),
                        "with",
                                Map.of(
                                        "role-to-assume",
                                        "${{ vars.AWS_DEPLOY_ROLE_ARN }}",
                                        "persist-credentials",
                                        false),
                        "env",
                                Map.of(
                                        "GITHUB_TOKEN",
                                        "${{ secrets.GITHUB_TOKEN }}",
                                        "DATABASE_PASSWORD",
                                        "${DATABASE_PASSWORD:?set it in .env}"));

        assertThat(InlineSecrets.inDocument(document)).isEmpty();
        assertThat(InlineSecrets.inText("role-to-assume: ${{ vars.AWS_DEPLOY_ROLE_ARN }}"))
                .isEmpty();
    }
}
