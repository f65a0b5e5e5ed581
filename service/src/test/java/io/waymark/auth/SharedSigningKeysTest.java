package io.waymark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Instances sharing a store share their signing keys, even when they start at the same moment. */
class SharedSigningKeysTest {

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aTokenFromOneInstanceIsValidOnAnotherStartedAtTheSameTime(TestStore store) {
        Map<String, String> database = store.newDatabase();
        var first = CompletableFuture.supplyAsync(() -> RunningService.start(database, Map.of()));
        var second = CompletableFuture.supplyAsync(() -> RunningService.start(database, Map.of()));
        RunningService a = first.join();
        RunningService b = second.join();
        try {
            // Both ask for a signing key at once: the very first keys are created in this race.
            var tokenFromA = CompletableFuture.supplyAsync(() -> new Accounts(a).user());
            var tokenFromB = CompletableFuture.supplyAsync(() -> new Accounts(b).user());
            Accounts.Account alice = tokenFromA.join();
            Accounts.Account bob = tokenFromB.join();

            assertThat(b.api().get("/api/v1/auth/me", alice.token()).status()).isEqualTo(200);
            assertThat(a.api().get("/api/v1/auth/me", bob.token()).status()).isEqualTo(200);
            assertThat(a.api().get("/.well-known/jwks.json", null).json())
                    .isEqualTo(b.api().get("/.well-known/jwks.json", null).json());
            assertThat(a.api().get("/.well-known/jwks.json", null).json().get("keys").size()).isEqualTo(1);
        } finally {
            a.stop();
            b.stop();
        }
    }
}
