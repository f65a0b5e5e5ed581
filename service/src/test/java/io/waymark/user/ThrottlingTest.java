package io.waymark.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.Race;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    /**
     * Issue 19, finding 2: eight addresses each sent five wrong passwords for one account at once,
     * and the owner's right password from a fresh address took 57.6 s, as did an unrelated account
     * on the same lock stripe, because the throttle slept while holding the lock.
     */
    @Test
    void someoneElsesWrongGuessesDoNotDelayTheRightPasswordFromAClientThatHasNotFailed()
            throws Exception {
        Accounts.Account bob = account();
        Accounts.Account neighbour = accountOnTheSameOldLockStripeAs(bob);
        long normal = timedSignIn(bob.userName(), "192.0.2.60").millis();
        double failuresBefore = signInFailures();

        int clients = 8;
        int guessesEach = PasswordThrottle.FREE_PER_ACCOUNT_AND_CLIENT;
        CompletableFuture<List<Integer>> guessing =
                CompletableFuture.supplyAsync(
                        () ->
                                Race.run(
                                        clients * guessesEach,
                                        i ->
                                                timedSignIn(
                                                                bob.userName(),
                                                                "wrong-guess-" + i,
                                                                "198.51.100." + (100 + i % clients))
                                                        .status()),
                        task -> Thread.ofPlatform().daemon().start(task));
        awaitSignInFailures(failuresBefore + PasswordThrottle.FREE_PER_ACCOUNT);
        CompletableFuture<TimedAnswer> owner =
                CompletableFuture.supplyAsync(() -> timedSignIn(bob.userName(), "192.0.2.61"));
        CompletableFuture<TimedAnswer> other =
                CompletableFuture.supplyAsync(
                        () -> timedSignIn(neighbour.userName(), "192.0.2.62"));
        TimedAnswer ownerAnswer = owner.get(60, TimeUnit.SECONDS);
        TimedAnswer otherAnswer = other.get(60, TimeUnit.SECONDS);
        List<Integer> guesses = guessing.get(150, TimeUnit.SECONDS);

        long checked = guesses.stream().filter(status -> status == 401).count();
        long refused = guesses.stream().filter(status -> status == 429).count();
        System.out.printf(
                "Right password from a fresh client, %d clients guessing %d times each at once:"
                        + " the owner %d ms (%d ms before), an account on the same old lock"
                        + " stripe %d ms; guesses checked (401) %d, refused (429) %d%n",
                clients,
                guessesEach,
                ownerAnswer.millis(),
                normal,
                otherAnswer.millis(),
                checked,
                refused);
        assertThat(ownerAnswer.status()).as("the owner signs in").isEqualTo(200);
        assertThat(otherAnswer.status()).as("the neighbour signs in").isEqualTo(200);
        assertThat(ownerAnswer.millis())
                .as("the owner's right password, answered in about one password check")
                .isLessThan(ANSWERED_AT_ONCE.toMillis());
        assertThat(otherAnswer.millis())
                .as("an unrelated account's right password")
                .isLessThan(ANSWERED_AT_ONCE.toMillis());
        assertThat(guesses).containsOnly(401, 429);
        assertThat(refused)
                .as("guessing clients that already failed are refused while the account is paced")
                .isPositive();
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
     * One password check takes tens of milliseconds; this leaves room for a loaded machine (the
     * throttle that slept under a shared lock took about a minute).
     */
    private static final Duration ANSWERED_AT_ONCE = Duration.ofSeconds(2);

    /** How many striped locks the throttle once shared between accounts. */
    private static final int OLD_LOCK_STRIPES = 256;

    private record TimedAnswer(int status, long millis) {}

    /**
     * Signs in (with the right password unless one is given); a request that times out counts as no
     * answer (status 0) after the time it took.
     */
    private TimedAnswer timedSignIn(String userName, String client) {
        return timedSignIn(userName, Accounts.PASSWORD, client);
    }

    private TimedAnswer timedSignIn(String userName, String password, String client) {
        long start = System.nanoTime();
        int status;
        try {
            status = signIn(userName, password, client).status();
        } catch (UncheckedIOException timedOut) {
            status = 0;
        }
        return new TimedAnswer(status, (System.nanoTime() - start) / 1_000_000);
    }

    /** An account that the old throttle's striped lock would have put with {@code account}. */
    private Accounts.Account accountOnTheSameOldLockStripeAs(Accounts.Account account) {
        int stripe = oldLockStripe(account.userName());
        String name;
        do {
            name = Accounts.uniqueName("neighbour");
        } while (oldLockStripe(name) != stripe);
        return accounts.admin(name);
    }

    private static int oldLockStripe(String userName) {
        return Math.floorMod(
                ("account:" + userName.toLowerCase(Locale.ROOT)).hashCode(), OLD_LOCK_STRIPES);
    }

    private double signInFailures() {
        return service.bean(MeterRegistry.class)
                .get("waymark.sign.in.attempts")
                .tag("outcome", "failure")
                .counter()
                .count();
    }

    private void awaitSignInFailures(double atLeast) throws InterruptedException {
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (signInFailures() < atLeast) {
            assertThat(System.nanoTime() - giveUpAt)
                    .as("%s failed sign-ins counted", atLeast)
                    .isNegative();
            Thread.sleep(10);
        }
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
