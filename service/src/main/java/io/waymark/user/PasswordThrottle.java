package io.waymark.user;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.shared.TooManyRequestsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without letting anyone lock an account or slow its owner. Counted per
 * instance, in memory (with N instances an attacker gets N times the budget; the exponential delay
 * still makes that a handful of guesses):
 *
 * <ul>
 *   <li>per account and client: {@value #FREE_PER_ACCOUNT_AND_CLIENT} failures, then the client
 *       waits {@link #FIRST_DELAY}, doubling with each further failure up to {@link #MAX_DELAY}
 *       (429 with Retry-After). Only that client is refused: the right password from anywhere else
 *       still works;
 *   <li>per client, over all accounts: the same after {@value #FREE_PER_CLIENT} failures, against
 *       spraying;
 *   <li>per account, over all clients: once {@value #FREE_PER_ACCOUNT} checks have failed (or are
 *       running), a client that has already failed for the account gets one check per growing
 *       interval of at most {@link #MAX_ACCOUNT_INTERVAL}, shared by all such clients, and 429 with
 *       Retry-After until its turn. A client that has not failed for the account is checked at
 *       once, so the owner's right password is never kept waiting by someone else's guesses.
 * </ul>
 *
 * Nothing waits here: a client over a budget is refused, never put to sleep, so no guesser holds a
 * thread, a connection or a lock that anyone else needs. A check is reserved before the password is
 * compared, so concurrent guesses can never exceed a budget.
 */
@Component
class PasswordThrottle {

    static final int FREE_PER_ACCOUNT_AND_CLIENT = 5;
    static final int FREE_PER_CLIENT = 20;
    static final int FREE_PER_ACCOUNT = 10;
    static final Duration FIRST_DELAY = Duration.ofSeconds(5);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration MAX_ACCOUNT_INTERVAL = Duration.ofSeconds(2);

    /** Failures older than this are forgotten. */
    static final Duration MEMORY = Duration.ofMinutes(30);

    /** Bounds memory under a spray of distinct names; forgotten entries are dropped first. */
    private static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

    /** Per account: when a client that has failed for it may have its next check. */
    private final ConcurrentMap<String, Instant> nextPacedCheck = new ConcurrentHashMap<>();

    /** {@code waymark_throttle_refusals_total{throttle="password"}}: checks refused with 429. */
    private final Counter refusals;

    PasswordThrottle(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.refusals = Throttles.refusals(meters, "password");
    }

    /**
     * Runs {@code check} (a password comparison) for this account from this client, if the throttle
     * allows it, and counts its outcome; 429 when this client must wait.
     */
    boolean check(String account, String client, BooleanSupplier check) {
        String accountKey = "account:" + account.toLowerCase(Locale.ROOT);
        String pair = accountKey + "|client:" + client;
        String clientKey = "client:" + client;
        List<String> reserved = new ArrayList<>(3);
        try {
            Failures before = reserve(pair, FREE_PER_ACCOUNT_AND_CLIENT);
            reserved.add(pair);
            reserve(clientKey, FREE_PER_CLIENT);
            reserved.add(clientKey);
            Failures ofAccount = reserve(accountKey, Integer.MAX_VALUE).reserved();
            reserved.add(accountKey);
            if (before.count() + before.running() > 0) {
                pace(accountKey, ofAccount);
            }
        } catch (TooManyRequestsException e) {
            reserved.forEach(this::release);
            throw e;
        }
        boolean matched = false;
        try {
            matched = check.getAsBoolean();
        } finally {
            record(pair, matched, true);
            record(clientKey, matched, false);
            record(accountKey, matched, true);
        }
        return matched;
    }

    /**
     * Takes one check of {@code key}'s budget and returns what was counted before it, or throws 429
     * with how long to wait.
     */
    private Failures reserve(String key, int free) {
        Instant now = clock.instant();
        prune(now);
        Failures[] before = {Failures.NONE};
        Duration[] wait = {Duration.ZERO};
        failures.compute(
                key,
                (k, current) -> {
                    Failures counted =
                            current == null || current.forgotten(now) ? Failures.NONE : current;
                    before[0] = counted;
                    wait[0] = counted.wait(free, now);
                    return wait[0].isZero() ? counted.reserved() : counted;
                });
        if (!wait[0].isZero()) {
            throw refused(wait[0]);
        }
        return before[0];
    }

    /**
     * One paced check per interval for the account, over all clients that have failed for it; 429
     * until the next is due. The interval grows with the account's failures and running checks.
     */
    private void pace(String accountKey, Failures ofAccount) {
        int load = ofAccount.count() + ofAccount.running();
        if (load <= FREE_PER_ACCOUNT) {
            return;
        }
        Duration interval =
                min(
                        Duration.ofMillis(100L << Math.min(load - FREE_PER_ACCOUNT - 1, 10)),
                        MAX_ACCOUNT_INTERVAL);
        Instant now = clock.instant();
        Duration[] wait = {Duration.ZERO};
        nextPacedCheck.compute(
                accountKey,
                (k, next) -> {
                    if (next != null && now.isBefore(next)) {
                        wait[0] = Duration.between(now, next);
                        return next;
                    }
                    return now.plus(interval);
                });
        if (!wait[0].isZero()) {
            throw refused(wait[0]);
        }
    }

    private TooManyRequestsException refused(Duration wait) {
        refusals.increment();
        return new TooManyRequestsException(
                "Too many failed password checks from here; try again later", wait);
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

    private void prune(Instant now) {
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(counted -> counted.forgotten(now));
        }
        if (nextPacedCheck.size() > MAX_TRACKED) {
            nextPacedCheck.values().removeIf(next -> next.isBefore(now));
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
                // Over the budget, one check at a time: this one waits for the running one.
                return FIRST_DELAY;
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
