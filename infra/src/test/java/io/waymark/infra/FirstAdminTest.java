package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 23, item 1: every deployment has a first admin without anyone running a command in a task.
 * A generated secret {"username": "admin", "password": …} reaches serve (which creates the admin
 * only while none exists) as WAYMARK_ADMIN_USER and WAYMARK_ADMIN_PASSWORD, by JSON key, and the
 * stack outputs its ARN for {@code aws secretsmanager get-secret-value}.
 */
class FirstAdminTest {

    static Stream<Combination> combinations() {
        return Combination.ALLOWED.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    @SuppressWarnings("unchecked")
    void aGeneratedAdminSecretReachesServeAndIsAnOutput(Combination combination) {
        Synthesized synthesized = Synthesized.of(combination);

        var admins =
                synthesized.resources("AWS::SecretsManager::Secret").entrySet().stream()
                        .filter(
                                secret ->
                                        String.valueOf(
                                                        Synthesized.properties(secret.getValue())
                                                                .get("Description"))
                                                .contains("WAYMARK_ADMIN_PASSWORD"))
                        .toList();
        assertThat(admins).hasSize(1);
        String logicalId = admins.getFirst().getKey();
        var generator =
                Synthesized.map(
                        Synthesized.properties(admins.getFirst().getValue())
                                .get("GenerateSecretString"));
        assertThat(generator)
                .containsEntry("SecretStringTemplate", "{\"username\":\"admin\"}")
                .containsEntry("GenerateStringKey", "password")
                .containsEntry("ExcludePunctuation", true);
        assertThat((Integer) generator.get("PasswordLength")).isGreaterThanOrEqualTo(32);

        var serve = Containers.named(synthesized, "serve");
        var secrets = (List<Map<String, Object>>) serve.get("Secrets");
        assertThat(secretKey(secrets, "WAYMARK_ADMIN_USER", logicalId)).isEqualTo("username");
        assertThat(secretKey(secrets, "WAYMARK_ADMIN_PASSWORD", logicalId)).isEqualTo("password");
        assertThat(Containers.environment(serve))
                .doesNotContainKeys("WAYMARK_ADMIN_USER", "WAYMARK_ADMIN_PASSWORD");
        // migrate creates no users, so it does not get the password.
        Containers.of(synthesized).stream()
                .filter(container -> !"serve".equals(container.get("Name")))
                .forEach(
                        other ->
                                assertThat(Containers.secretNames(other))
                                        .doesNotContain(
                                                "WAYMARK_ADMIN_USER", "WAYMARK_ADMIN_PASSWORD"));

        var output = synthesized.template().findOutputs("AdminSecret");
        assertThat(output).hasSize(1);
        assertThat(output.get("AdminSecret").get("Value")).isEqualTo(Map.of("Ref", logicalId));
    }

    /**
     * The JSON key of the secret reference {@code name} takes from the secret {@code logicalId}.
     */
    private static String secretKey(
            List<Map<String, Object>> secrets, String name, String logicalId) {
        var secret =
                secrets.stream()
                        .filter(candidate -> name.equals(candidate.get("Name")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("serve has no secret " + name));
        // {"Fn::Join": ["", [{"Ref": logicalId}, ":username::"]]}
        var parts =
                Synthesized.list(
                        Synthesized.list(Synthesized.map(secret.get("ValueFrom")).get("Fn::Join"))
                                .get(1));
        assertThat(parts.getFirst()).isEqualTo(Map.of("Ref", logicalId));
        String suffix = String.valueOf(parts.get(1));
        return suffix.substring(1, suffix.indexOf("::"));
    }
}
