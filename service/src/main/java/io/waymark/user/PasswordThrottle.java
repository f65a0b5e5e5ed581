package io.waymark.user;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.shared.TooManyRequestsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without letting anyone lock an account. Counted per instance, in memory
 * (with N instances an attacker gets N times the budget; the exponential delay still makes that a
 * handful of guesses):
 *
 * <ul>
 *   <li>per account and client: {@value #FREE_PER_ACCOUNT_AND_CLIENT} failures, then the client
 *       waits {@link #FIRST_DELAY}, doubling with each further failure up to {@link #MAX_DELAY}
 *       (429 with Retry-After). Only that client is refused: the right password from anywhere else
 *       still works;
 *   <li>per client, over all accounts: the same after {@value #FREE_PER_CLIENT} failures, against
 *       spraying;
 *   <li>per account, over all clients: checks run one at a time, and after {@value
 *       #FREE_PER_ACCOUNT} failures each waits a growing delay of at most {@link
 *       #MAX_ACCOUNT_DELAY} first. Many clients guessing one account are slowed to about one guess
 *       per {@link #MAX_ACCOUNT_DELAY}, and the owner's right password is still checked, only
 *       later.
 * </ul>
 *
 * A check is reserved before the password is compared, so concurrent guesses can never exceed a
 * budget.
 */
@Component
class PasswordThrottle {

    static final int FREE_PER_ACCOUNT_AND_CLIENT = 5;
    static final int FREE_PER_CLIENT = 20;
    static final int FREE_PER_ACCOUNT = 10;
    static final Duration FIRST_DELAY = Duration.ofSeconds(5);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration MAX_ACCOUNT_DELAY = Duration.ofSeconds(2);

    /** Failures older than this are forgotten. */
    static final Duration MEMORY = Duration.ofMinutes(30);

    /** Bounds memory under a spray of distinct names; forgotten entries are dropped first. */
    private static final int MAX_TRACKED = 100_000;

    private static final int ACCOUNT_LOCKS = 256;

    private final Clock clock;
    private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final ReentrantLock[] accountLocks = new ReentrantLock[ACCOUNT_LOCKS];

    /** {@code waymark_throttle_refusals_total{throttle="password"}}: checks refused with 429. */
    private final Counter refusals;

    PasswordThrottle(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.refusals = Throttles.refusals(meters, "password");
        for (int i = 0; i < ACCOUNT_LOCKS; i++) {
            accountLocks[i] = new ReentrantLock();
        }
    }

    /**
     * Runs {@code check} (a password comparison) for this account from this client, if the throttle
     * allows it, and counts its outcome; 429 when this client must wait.
     */
    boolean check(String account, String client, BooleanSupplier check) {
        String accountKey = "account:" + account.toLowerCase(Locale.ROOT);
        String pair = accountKey + "|client:" + client;
        String clientKey = "client:" + client;
        reserve(pair, FREE_PER_ACCOUNT_AND_CLIENT, null);
        try {
            reserve(clientKey, FREE_PER_CLIENT, pair);
        } catch (TooManyRequestsException e) {
            release(pair);
            throw e;
        }
        ReentrantLock lock = accountLocks[Math.floorMod(accountKey.hashCode(), ACCOUNT_LOCKS)];
        boolean matched = false;
        lock.lock();
        try {
            pause(accountDelay(accountKey));
            matched = check.getAsBoolean();
        } finally {
            lock.unlock();
            record(pair, matched, true);
            record(clientKey, matched, false);
            record(accountKey, matched, true);
        }
        return matched;
    }

    /**
     * Takes one check of {@code key}'s budget, or throws 429 with how long to wait; frees {@code
     * also} then.
     */
    private void reserve(String key, int free, String alsoReserved) {
        Instant now = clock.instant();
        prune(now);
        Duration[] wait = {Duration.ZERO};
        failures.compute(
                key,
                (k, current) -> {
                    Failures counted =
                            current == null || current.forgotten(now) ? Failures.NONE : current;
                    wait[0] = counted.wait(free, now);
                    return wait[0].isZero() ? counted.reserved() : counted;
                });
        if (!wait[0].isZero()) {
            refusals.increment();
            throw new TooManyRequestsException(
                    "Too many failed password checks from here; try again later", wait[0]);
        }
    }

    private void release(String key) {
        failures.computeIfPresent(key, (k, current) -> current.released());
    }

    private void record(String key, boolean matched, boolean resetOnSuccess) {
        Instant now = clock.instant();
        failures.compute(
                key,
                (k, current) -> {
                    Failures counted = current == null ? Failures.NONE : current;
                    if (matched) {
                        return resetOnSuccess ? null : counted.released();
                    }
                    return counted.failedAt(now);
                });
    }

    private Duration accountDelay(String account) {
        Failures counted = failures.get(account);
        if (counted == null || counted.count() < FREE_PER_ACCOUNT) {
            return Duration.ZERO;
        }
        return min(
                Duration.ofMillis(100L << Math.min(counted.count() - FREE_PER_ACCOUNT, 10)),
                MAX_ACCOUNT_DELAY);
    }

    private void prune(Instant now) {
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(counted -> counted.forgotten(now));
        }
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Failed checks of one key, when the last one failed, and how many checks of it are running
     * now.
     */
    private record Failures(int count, Instant last, int running) {

        static final Failures NONE = new Failures(0, Instant.MIN, 0);

        /** Zero when a check may run now; else how long until it may. */
        Duration wait(int free, Instant now) {
            if (count + running < free) {
                return Duration.ZERO;
            }
            if (running > 0) {
                return FIRST_DELAY; // over the budget, one check at a time: this one waits for the
                // running one
            }
            Duration delay =
                    min(FIRST_DELAY.multipliedBy(1L << Math.min(count - free, 20)), MAX_DELAY);
            Instant allowed = last.plus(delay);
            return now.isBefore(allowed) ? Duration.between(now, allowed) : Duration.ZERO;
        }

        boolean forgotten(Instant now) {
            return running == 0 && !now.isBefore(last.plus(MEMORY));
        }

        Failures reserved() {
            return new Failures(count, last, running + 1);
        }

        Failures released() {
            return new Failures(count, last, Math.max(0, running - 1));
        }

        Failures failedAt(Instant now) {
            return new Failures(count + 1, now, Math.max(0, running - 1));
        }
    }
}
