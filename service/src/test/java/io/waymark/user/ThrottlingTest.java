package io.waymark.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.Race;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Guessing is slowed per account and client and per client, registration per client; nobody can
 * lock an account, because the right password from another client still works. Clients are told
 * apart by X-Forwarded-For, which this service trusts from 127.0.0.1 (the test's "proxy") only.
 */
class ThrottlingTest {

    private static final RunningService service =
            RunningService.start(
                    TestStore.SQLITE.newDatabase(),
                    Map.of(
                            "waymark.proxies.trusted", "127.0.0.1",
                            "waymark.registrations.per-minute", "3"));
    private final Api api = service.api();
    private final Accounts accounts = new Accounts(service);

    @AfterAll
    static void stop() {
        service.stop();
    }

    @Test
    void aClientThatFailedFiveTimesWaitsEvenWithTheRightPassword() {
        Accounts.Account alice = account();
        for (int i = 0; i < PasswordThrottle.FREE_PER_ACCOUNT_AND_CLIENT; i++) {
            assertThat(signIn(alice.userName(), "wrong-password-" + i, "198.51.100.1").status())
                    .isEqualTo(401);
        }

        var throttled = signIn(alice.userName(), Accounts.PASSWORD, "198.51.100.1");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.contentType()).isEqualTo("application/problem+json");
        assertThat(Long.parseLong(throttled.header("Retry-After")))
                .isBetween(1L, PasswordThrottle.FIRST_DELAY.toSeconds());
    }

    @Test
    void theRightPasswordFromAnotherClientStillWorksWhileOneIsThrottled() {
        Accounts.Account admin = account();
        for (int i = 0; i <= PasswordThrottle.FREE_PER_ACCOUNT_AND_CLIENT; i++) {
            signIn(admin.userName(), "attacker-guess-" + i, "203.0.113.66");
        }
        assertThat(signIn(admin.userName(), "attacker-guess", "203.0.113.66").status())
                .isEqualTo(429);

        assertThat(signIn(admin.userName(), Accounts.PASSWORD, "192.0.2.10").status())
                .isEqualTo(200);
    }

    @Test
    void concurrentGuessesNeverCheckMoreThanTheBudget() {
        Accounts.Account alice = account();

        List<Integer> statuses =
                Race.run(
                        40,
                        i ->
                                signIn(alice.userName(), "concurrent-guess-" + i, "198.51.100.40")
                                        .status());

        assertThat(statuses)
                .filteredOn(status -> status == 401)
                .hasSize(PasswordThrottle.FREE_PER_ACCOUNT_AND_CLIENT);
        assertThat(statuses)
                .filteredOn(status -> status == 429)
                .hasSize(40 - PasswordThrottle.FREE_PER_ACCOUNT_AND_CLIENT);
    }

    @Test
    void oneClientSprayingManyAccountsIsThrottledAcrossThem() {
        for (int i = 0; i < PasswordThrottle.FREE_PER_CLIENT; i++) {
            assertThat(
                            signIn(
                                            Accounts.uniqueName("sprayed"),
                                            "spray-password",
                                            "198.51.100.77")
                                    .status())
                    .isEqualTo(401);
        }

        assertThat(
                        signIn(Accounts.uniqueName("sprayed"), "spray-password", "198.51.100.77")
                                .status())
                .isEqualTo(429);
        assertThat(
                        signIn(Accounts.uniqueName("sprayed"), "spray-password", "198.51.100.78")
                                .status())
                .isEqualTo(401);
    }

    @Test
    void aForwardedForFromAnUntrustedAddressIsIgnored() {
        RunningService direct = RunningService.start(TestStore.SQLITE.newDatabase(), Map.of());
        try {
            Accounts.Account alice = new Accounts(direct).user();
            for (int i = 0; i < PasswordThrottle.FREE_PER_ACCOUNT_AND_CLIENT; i++) {
                signIn(direct.api(), alice.userName(), "guess-" + i, "198.51.100." + i);
            }

            assertThat(signIn(direct.api(), alice.userName(), "guess", "198.51.100.99").status())
                    .as(
                            "each guess named another address, but without a trusted proxy the socket's counts")
                    .isEqualTo(429);
        } finally {
            direct.stop();
        }
    }

    @Test
    void publicRegistrationIsLimitedPerClientButNotForAnAdmin() {
        for (int i = 0; i < 3; i++) {
            assertThat(register("198.51.100.200", null).status()).isEqualTo(201);
        }

        var limited = register("198.51.100.200", null);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 20L);
        assertThat(register("198.51.100.201", null).status()).isEqualTo(201);
        String admin = accounts.admin().token();
        assertThat(register("198.51.100.200", admin).status()).isEqualTo(201);
    }

    /**
     * An account made by an admin, so this service's small registration limit does not get in the
     * way.
     */
    private Accounts.Account account() {
        return accounts.admin();
    }

    private Api.Response register(String client, String token) {
        return api.call("POST", "/api/v1/users")
                .token(token)
                .header("X-Forwarded-For", client)
                .json(
                        Map.of(
                                "user_name",
                                Accounts.uniqueName("reg"),
                                "password",
                                Accounts.PASSWORD))
                .send();
    }

    private Api.Response signIn(String userName, String password, String client) {
        return signIn(api, userName, password, client);
    }

    private static Api.Response signIn(Api api, String userName, String password, String client) {
        return api.call("POST", "/api/v1/auth/token")
                .header("X-Forwarded-For", client)
                .body(
                        "application/x-www-form-urlencoded",
                        "grant_type=password&username=" + userName + "&password=" + password)
                .send();
    }
}
