package io.waymark.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.shared.PerMinuteLimit;
import java.time.Clock;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * How much one user may write a minute, per instance: to-do writes, pings (a batch counts each
 * ping) and users an admin creates. Generous for a real team, low enough that one user cannot fill
 * the store in minutes; docs/api.md states them.
 */
@Component
@EnableConfigurationProperties(WriteLimits.Settings.class)
public class WriteLimits {

    private final PerMinuteLimit todos;
    private final PerMinuteLimit pings;
    private final PerMinuteLimit users;

    WriteLimits(Settings settings, Clock clock, MeterRegistry meters) {
        this.todos =
                new PerMinuteLimit(
                        "to-do writes",
                        settings.todosPerMinute(),
                        clock,
                        refusals(meters, "todos"));
        this.pings =
                new PerMinuteLimit(
                        "pings", settings.pingsPerMinute(), clock, refusals(meters, "pings"));
        this.users =
                new PerMinuteLimit(
                        "new users", settings.usersPerMinute(), clock, refusals(meters, "users"));
    }

    public PerMinuteLimit todos() {
        return todos;
    }

    public PerMinuteLimit pings() {
        return pings;
    }

    public PerMinuteLimit users() {
        return users;
    }

    /**
     * {@code waymark_throttle_refusals_total{throttle}}: the meter the sign-in and registration
     * throttles count on too.
     */
    public static Runnable refusals(MeterRegistry meters, String throttle) {
        Counter counter =
                Counter.builder("waymark.throttle.refusals")
                        .tag("throttle", throttle)
                        .description("Requests refused with 429 by a throttle")
                        .register(meters);
        return counter::increment;
    }

    /**
     * {@code WAYMARK_LIMITS_TODOS_PER_MINUTE}, {@code WAYMARK_LIMITS_PINGS_PER_MINUTE} (at least
     * 1,000: one full batch), {@code WAYMARK_LIMITS_USERS_PER_MINUTE}.
     */
    @ConfigurationProperties("waymark.limits")
    public record Settings(Integer todosPerMinute, Integer pingsPerMinute, Integer usersPerMinute) {

        /** A batch's size limit, so that a full batch always fits in a minute's allowance. */
        static final int LARGEST_BATCH = 1_000;

        public Settings {
            atLeast("WAYMARK_LIMITS_TODOS_PER_MINUTE", todosPerMinute, 1);
            atLeast("WAYMARK_LIMITS_PINGS_PER_MINUTE", pingsPerMinute, LARGEST_BATCH);
            atLeast("WAYMARK_LIMITS_USERS_PER_MINUTE", usersPerMinute, 1);
        }

        private static void atLeast(String variable, Integer value, int least) {
            if (value == null || value < least) {
                throw new InvalidSettingException(
                        variable, "must be a whole number of " + least + " or more, got " + value);
            }
        }
    }
}
