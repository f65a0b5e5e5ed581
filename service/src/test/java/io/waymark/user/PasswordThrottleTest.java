package io.waymark.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waymark.shared.TooManyRequestsException;
import io.waymark.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The per-account pace of {@link PasswordThrottle} on a clock the test moves: it refuses clients
 * that have failed for the account and never makes anyone wait for someone else. {@code
 * ThrottlingTest} shows the same over HTTP with real timing.
 */
class PasswordThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    private final PasswordThrottle throttle =
            new PasswordThrottle(clock, new SimpleMeterRegistry());

    @Test
    void underAttackAClientThatFailedWaitsItsTurnWhileAClientThatHasNotIsCheckedAtOnce() {
        for (String attacker : new String[] {"198.51.100.1", "198.51.100.2"}) {
            for (int i = 0; i < PasswordThrottle.FREE_PER_ACCOUNT_AND_CLIENT; i++) {
                assertThat(throttle.check("bob", attacker, () -> false)).isFalse();
            }
        }
        assertThat(throttle.check("bob", "198.51.100.3", () -> false))
                .as("a client's first guess is checked")
                .isFalse();
        assertThat(throttle.check("bob", "198.51.100.3", () -> false))
                .as("its next guess takes the account's next paced check")
                .isFalse();

        assertThatThrownBy(() -> throttle.check("bob", "198.51.100.3", () -> false))
                .as("the one after must wait its turn")
                .isInstanceOfSatisfying(
                        TooManyRequestsException.class,
                        e ->
                                assertThat(e.retryAfter().orElseThrow())
                                        .isPositive()
                                        .isLessThanOrEqualTo(
                                                PasswordThrottle.MAX_ACCOUNT_INTERVAL));
        assertThat(throttle.check("bob", "192.0.2.10", () -> true))
                .as("the owner, from a client that has not failed, is checked at once")
                .isTrue();
        clock.advance(PasswordThrottle.MAX_ACCOUNT_INTERVAL);
        assertThat(throttle.check("bob", "198.51.100.3", () -> false))
                .as("after the interval, the failing client's turn comes")
                .isFalse();
    }

    @Test
    void aCheckNeverWaitsForAnotherAccountsCheck() throws Exception {
        String neighbour = accountOnTheSameOldLockStripeAs("bob");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Boolean> slow =
                CompletableFuture.supplyAsync(
                        () ->
                                throttle.check(
                                        "bob",
                                        "198.51.100.1",
                                        () -> {
                                            running.countDown();
                                            await(finish);
                                            return false;
                                        }),
                        task -> Thread.ofPlatform().daemon().start(task));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> other =
                CompletableFuture.supplyAsync(
                        () -> throttle.check(neighbour, "192.0.2.10", () -> true),
                        task -> Thread.ofPlatform().daemon().start(task));

        try {
            assertThat(other.get(5, TimeUnit.SECONDS))
                    .as("checked while another account's check is still running")
                    .isTrue();
        } finally {
            finish.countDown();
        }
        assertThat(slow.get(5, TimeUnit.SECONDS)).isFalse();
    }

    /**
     * An account name that the throttle's old 256 striped locks would have put with {@code name}.
     */
    private static String accountOnTheSameOldLockStripeAs(String name) {
        int stripe = oldLockStripe(name);
        for (int i = 0; ; i++) {
            String candidate = "neighbour-" + i;
            if (oldLockStripe(candidate) == stripe) {
                return candidate;
            }
        }
    }

    private static int oldLockStripe(String name) {
        return Math.floorMod(("account:" + name.toLowerCase(Locale.ROOT)).hashCode(), 256);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
