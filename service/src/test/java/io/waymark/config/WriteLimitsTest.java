package io.waymark.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What one user writes is limited per minute: to-dos, pings (a batch counts each ping) and users an
 * admin creates; past the limit 429 with Retry-After, and nobody else is slowed. The limits here
 * are small so that reaching them is quick.
 */
class WriteLimitsTest {

    private static final int TODOS = 5;
    private static final int PINGS = 2_000;
    private static final int USERS = 3;

    private static final RunningService service =
            RunningService.start(
                    TestStore.SQLITE.newDatabase(),
                    Map.of(
                            "waymark.limits.todos-per-minute", String.valueOf(TODOS),
                            "waymark.limits.pings-per-minute", String.valueOf(PINGS),
                            "waymark.limits.users-per-minute", String.valueOf(USERS)));
    private final Api api = service.api();
    private final Accounts accounts = new Accounts(service);

    @AfterAll
    static void stop() {
        service.stop();
    }

    @Test
    void aUserWritingToDosPastTheLimitIsToldWhenToComeBack() {
        Accounts.Account alice = accounts.user();
        for (int i = 0; i < TODOS; i++) {
            assertThat(api.post("/api/v1/todos", alice.token(), Map.of("title", "t" + i)).status())
                    .isEqualTo(201);
        }

        var refused = api.post("/api/v1/todos", alice.token(), Map.of("title", "one more"));

        assertLimited(refused, 60 / TODOS);
        assertThat(
                        api.post("/api/v1/todos", accounts.user().token(), Map.of("title", "mine"))
                                .status())
                .as("another user is not slowed")
                .isEqualTo(201);
    }

    @Test
    void aBatchCountsEachOfItsPings() {
        Accounts.Account bob = accounts.user();
        for (int i = 0; i < PINGS / 1_000; i++) {
            assertThat(api.post("/api/v1/locations", bob.token(), batch(1_000, i)).status())
                    .isEqualTo(201);
        }

        var refused = api.post("/api/v1/locations", bob.token(), batch(1_000, 9));

        assertLimited(refused, 30);
    }

    @Test
    void anAdminCreatingUsersPastTheLimitIsToldWhenToComeBack() {
        Accounts.Account admin = accounts.admin();
        for (int i = 0; i < USERS; i++) {
            assertThat(api.post("/api/v1/users", admin.token(), newUser()).status()).isEqualTo(201);
        }

        assertLimited(api.post("/api/v1/users", admin.token(), newUser()), 60 / USERS);
    }

    @Test
    void aLimitThatCannotWorkStopsStartUpNamingItsVariable() {
        assertThatThrownBy(() -> new WriteLimits.Settings(0, PINGS, USERS))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("WAYMARK_LIMITS_TODOS_PER_MINUTE:");
        assertThatThrownBy(() -> new WriteLimits.Settings(TODOS, 999, USERS))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("WAYMARK_LIMITS_PINGS_PER_MINUTE:");
        assertThatThrownBy(() -> new WriteLimits.Settings(TODOS, PINGS, null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("WAYMARK_LIMITS_USERS_PER_MINUTE:");
    }

    private static void assertLimited(Api.Response refused, long maxRetryAfterSeconds) {
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("per minute");
        assertThat(Long.parseLong(refused.header("Retry-After")))
                .isBetween(1L, maxRetryAfterSeconds);
    }

    private static Map<String, Object> newUser() {
        return Map.of("user_name", Accounts.uniqueName("made"), "password", Accounts.PASSWORD);
    }

    private static Map<String, Object> batch(int size, int round) {
        List<Map<String, Object>> pings = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            pings.add(Map.of("lat", round, "lng", i % 180));
        }
        return Map.of("pings", pings);
    }
}
