package io.waymark.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after too many failed sign-ins for one user name, or from one client address, within
 * a window, further attempts are refused until the window ends. Counted per instance, in memory: behind a load
 * balancer an attacker gets the budget once per instance, which still caps guessing at a handful per minute.
 */
@Component
class LoginThrottle {

    static final int MAX_FAILURES_PER_USER = 5;
    static final int MAX_FAILURES_PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(5);
    /** Bounds memory under a spray of distinct names; expired windows are dropped first. */
    private static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private final ConcurrentMap<String, Window> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must wait, if they are throttled now. */
    Optional<Duration> check(String userName, String address) {
        Instant now = clock.instant();
        return wait(userKey(userName), MAX_FAILURES_PER_USER, now)
                .or(() -> wait(addressKey(address), MAX_FAILURES_PER_ADDRESS, now));
    }

    void failed(String userName, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(window -> window.expired(now));
        }
        count(userKey(userName), now);
        count(addressKey(address), now);
    }

    void succeeded(String userName) {
        failures.remove(userKey(userName));
    }

    private Optional<Duration> wait(String key, int max, Instant now) {
        Window window = failures.get(key);
        if (window == null || window.expired(now) || window.count() < max) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, window.start().plus(WINDOW)));
    }

    private void count(String key, Instant now) {
        failures.compute(key, (k, window) -> window == null || window.expired(now)
                ? new Window(now, 1) : new Window(window.start(), window.count() + 1));
    }

    private static String userKey(String userName) {
        return "user:" + userName.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private record Window(Instant start, int count) {
        boolean expired(Instant now) {
            return !now.isBefore(start.plus(WINDOW));
        }
    }
}
