package io.waymark.user;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.config.InvalidSettingException;
import io.waymark.shared.PerMinuteLimit;
import java.time.Clock;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Public registration costs a bcrypt hash (tens of milliseconds of a quarter CPU), so each client
 * may register {@code WAYMARK_REGISTRATIONS_PER_MINUTE} accounts a minute (default 10), in a burst
 * or spread out; then 429 with Retry-After. Per instance, in memory, like {@link PasswordThrottle}.
 * An admin creating users counts against the admin's write limit instead.
 */
@Component
@EnableConfigurationProperties(RegistrationThrottle.Settings.class)
class RegistrationThrottle {

    private final PerMinuteLimit limit;

    RegistrationThrottle(Clock clock, Settings settings, MeterRegistry meters) {
        // waymark_throttle_refusals_total{throttle="registration"}: registrations refused with 429.
        Counter refusals = Throttles.refusals(meters, "registration");
        this.limit =
                new PerMinuteLimit(
                        "registrations from one client",
                        settings.perMinute(),
                        clock,
                        refusals::increment);
    }

    /**
     * Takes one registration of this client's allowance, or throws 429 with how long until the next
     * one.
     */
    void take(String client) {
        limit.take(client, 1);
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
