package io.waymark.user;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.config.InvalidSettingException;
import io.waymark.shared.TooManyRequestsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Public registration costs a bcrypt hash (tens of milliseconds of a quarter CPU), so each client
 * may register {@code WAYMARK_REGISTRATIONS_PER_MINUTE} accounts a minute (default 10), in a burst
 * or spread out; then 429 with Retry-After. Per instance, in memory, like {@link PasswordThrottle}.
 * An admin creating users is not limited.
 */
@Component
@EnableConfigurationProperties(RegistrationThrottle.Settings.class)
class RegistrationThrottle {

    private static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private final int perMinute;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * {@code waymark_throttle_refusals_total{throttle="registration"}}: registrations refused with
     * 429.
     */
    private final Counter refusals;

    RegistrationThrottle(Clock clock, Settings settings, MeterRegistry meters) {
        this.clock = clock;
        this.perMinute = settings.perMinute();
        this.refusals = Throttles.refusals(meters, "registration");
    }

    /**
     * Takes one registration of this client's allowance, or throws 429 with how long until the next
     * one.
     */
    void take(String client) {
        Instant now = clock.instant();
        if (buckets.size() > MAX_TRACKED) {
            buckets.values()
                    .removeIf(bucket -> bucket.refilled(now, perMinute).tokens() >= perMinute);
        }
        Duration[] wait = {Duration.ZERO};
        buckets.compute(
                client,
                (key, current) -> {
                    Bucket bucket =
                            current == null
                                    ? new Bucket(perMinute, now)
                                    : current.refilled(now, perMinute);
                    if (bucket.tokens() >= 1) {
                        return new Bucket(bucket.tokens() - 1, now);
                    }
                    wait[0] =
                            Duration.ofMillis(
                                    (long) Math.ceil((1 - bucket.tokens()) * 60_000 / perMinute));
                    return bucket;
                });
        if (!wait[0].isZero()) {
            refusals.increment();
            throw new TooManyRequestsException(
                    "Too many registrations from here; try again later", wait[0]);
        }
    }

    /** Registrations left, refilled continuously at {@code perMinute}, never above it. */
    private record Bucket(double tokens, Instant at) {

        Bucket refilled(Instant now, int perMinute) {
            double added = Duration.between(at, now).toMillis() * perMinute / 60_000.0;
            return new Bucket(Math.min(perMinute, tokens + Math.max(0, added)), now);
        }
    }

    /** {@code WAYMARK_REGISTRATIONS_PER_MINUTE}. */
    @ConfigurationProperties("waymark.registrations")
    record Settings(Integer perMinute) {

        Settings {
            if (perMinute == null || perMinute < 1) {
                throw new InvalidSettingException(
                        "WAYMARK_REGISTRATIONS_PER_MINUTE",
                        "must be a whole number of 1 or more, got " + perMinute);
            }
        }
    }
}
