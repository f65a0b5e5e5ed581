package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 19, item 7: the key that encrypts the private signing keys in the database is generated in
 * Secrets Manager (nobody sees it) and reaches the service's containers (serve, migrate; not the
 * trace collector) as an ECS secret, in every combination.
 */
class KeyEncryptionKeyTest {

    static Stream<Combination> combinations() {
        return Combination.ALLOWED.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void aGeneratedKeyIsInjectedIntoEveryContainerOfTheService(Combination combination) {
        Synthesized synthesized = Synthesized.of(combination);

        var generated =
                synthesized.resources("AWS::SecretsManager::Secret").values().stream()
                        .map(Synthesized::properties)
                        .filter(properties -> properties.containsKey("GenerateSecretString"))
                        .filter(
                                properties ->
                                        String.valueOf(properties.get("Description"))
                                                .contains("WAYMARK_KEY_ENCRYPTION_KEY"))
                        .map(properties -> Synthesized.map(properties.get("GenerateSecretString")))
                        .toList();
        assertThat(generated).hasSize(1);
        Map<String, Object> generator = generated.getFirst();
        // 64 hex digits: Secrets Manager makes characters, not bytes; these are 256 random bits.
        assertThat(generator)
                .containsEntry("PasswordLength", 64)
                .containsEntry("ExcludeUppercase", true)
                .containsEntry("ExcludePunctuation", true);
        var service =
                Containers.ofImage(synthesized).stream()
                        .filter(c -> List.of("serve", "migrate").contains(c.get("Name")))
                        .toList();
        assertThat(service).isNotEmpty();
        for (var container : service) {
            assertThat(Containers.secretNames(container)).contains("WAYMARK_KEY_ENCRYPTION_KEY");
            assertThat(Containers.environment(container))
                    .doesNotContainKey("WAYMARK_KEY_ENCRYPTION_KEY");
        }
    }
}
