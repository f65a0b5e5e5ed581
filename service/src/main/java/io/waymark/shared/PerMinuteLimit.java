package io.waymark.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * At most {@code perMinute} of something per key (a user), in a burst or spread out: a bucket per
 * key that refills continuously. Past it, 429 with how long until there is room. Per instance and
 * in memory: N instances allow N times as much, which is fine for a limit meant to stop one user
 * from filling the store, not to meter it.
 */
public final class PerMinuteLimit {

    /** Past this many keys, the full buckets (keys that have been quiet a minute) are dropped. */
    private static final int MAX_TRACKED = 100_000;

    private final String what;
    private final int perMinute;
    private final Clock clock;
    private final Runnable onRefusal;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * {@code what} names the unit in the 429's detail ("to-do writes"); {@code onRefusal} counts
     * refusals.
     */
    public PerMinuteLimit(String what, int perMinute, Clock clock, Runnable onRefusal) {
        this.what = what;
        this.perMinute = perMinute;
        this.clock = clock;
        this.onRefusal = onRefusal;
    }

    public int perMinute() {
        return perMinute;
    }

    /** Takes {@code amount} of the key's allowance, all or nothing, or throws 429. */
    public void take(String key, int amount) {
        Instant now = clock.instant();
        if (buckets.size() > MAX_TRACKED) {
            buckets.values()
                    .removeIf(bucket -> bucket.refilled(now, perMinute).left() >= perMinute);
        }
        Duration[] wait = {Duration.ZERO};
        buckets.compute(
                key,
                (k, current) -> {
                    Bucket bucket =
                            current == null
                                    ? new Bucket(perMinute, now)
                                    : current.refilled(now, perMinute);
                    if (bucket.left() >= amount) {
                        return new Bucket(bucket.left() - amount, now);
                    }
                    wait[0] =
                            Duration.ofMillis(
                                    (long)
                                            Math.ceil(
                                                    (amount - bucket.left()) * 60_000 / perMinute));
                    return bucket;
                });
        if (!wait[0].isZero()) {
            onRefusal.run();
            throw new TooManyRequestsException(
                    "At most " + perMinute + " " + what + " per minute; try again later", wait[0]);
        }
    }

    /** What is left, refilled continuously at {@code perMinute}, never above it. */
    private record Bucket(double left, Instant at) {

        Bucket refilled(Instant now, int perMinute) {
            double added = Duration.between(at, now).toMillis() * perMinute / 60_000.0;
            return new Bucket(Math.min(perMinute, left + Math.max(0, added)), now);
        }
    }
}
