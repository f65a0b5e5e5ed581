package io.waymark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Race;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Instances sharing a store share their signing keys, even when both create the first one at the
 * same moment.
 */
class SharedSigningKeysTest {

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aTokenFromOneInstanceIsValidOnAnotherWhoseFirstKeyWasMadeAtTheSameTime(TestStore store) {
        Map<String, String> database = store.newDatabase();
        // One after the other: Spring Boot sets up logging once per JVM, and two contexts starting
        // in one JVM at once trip over it. Neither makes a key while starting; that is the race
        // below.
        RunningService a = RunningService.start(database, Map.of());
        RunningService b = RunningService.start(database, Map.of());
        List<RunningService> instances = List.of(a, b);
        try {
            // Both ask for a signing key at once: the very first keys are created in this race.
            List<Accounts.Account> accounts =
                    Race.run(2, i -> new Accounts(instances.get(i)).user());
            Accounts.Account alice = accounts.get(0);
            Accounts.Account bob = accounts.get(1);

            assertThat(b.api().get("/api/v1/auth/me", alice.token()).status()).isEqualTo(200);
            assertThat(a.api().get("/api/v1/auth/me", bob.token()).status()).isEqualTo(200);
            assertThat(a.api().get("/.well-known/jwks.json", null).json())
                    .isEqualTo(b.api().get("/.well-known/jwks.json", null).json());
            assertThat(a.api().get("/.well-known/jwks.json", null).json().get("keys").size())
                    .isEqualTo(1);
        } finally {
            a.stop();
            b.stop();
        }
    }
}
