package io.waymark.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.config.InvalidSettingException;
import io.waymark.config.WriteLimits;
import io.waymark.shared.PerMinuteLimit;
import java.time.Clock;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * How many ingest requests one device, and one client address, may make a minute, per instance (429
 * with Retry-After past it, which every app answers by trying later). A phone pinging every second
 * makes 60; an OwnTracks phone flushing its offline queue sends one message per request, back to
 * back, hence the headroom. The address limit comes first, before the key is looked up, so guessing
 * keys costs a guesser their allowance, not the store its reads.
 */
@Component
@EnableConfigurationProperties(IngestLimits.Settings.class)
class IngestLimits {

    private final PerMinuteLimit perDevice;
    private final PerMinuteLimit perAddress;

    IngestLimits(Settings settings, Clock clock, MeterRegistry meters) {
        this.perDevice =
                new PerMinuteLimit(
                        "ingest requests from one device",
                        settings.perDevicePerMinute(),
                        clock,
                        WriteLimits.refusals(meters, "ingest-device"));
        this.perAddress =
                new PerMinuteLimit(
                        "ingest requests from one address",
                        settings.perAddressPerMinute(),
                        clock,
                        WriteLimits.refusals(meters, "ingest-address"));
    }

    void address(String client) {
        perAddress.take(client, 1);
    }

    void device(String deviceId) {
        perDevice.take(deviceId, 1);
    }

    /**
     * {@code WAYMARK_LIMITS_INGEST_PER_DEVICE_PER_MINUTE} (default 600), {@code
     * WAYMARK_LIMITS_INGEST_PER_ADDRESS_PER_MINUTE} (default 6000: a team behind one carrier NAT).
     */
    @ConfigurationProperties("waymark.limits.ingest")
    record Settings(Integer perDevicePerMinute, Integer perAddressPerMinute) {

        Settings {
            atLeast("WAYMARK_LIMITS_INGEST_PER_DEVICE_PER_MINUTE", perDevicePerMinute);
            atLeast("WAYMARK_LIMITS_INGEST_PER_ADDRESS_PER_MINUTE", perAddressPerMinute);
        }

        private static void atLeast(String variable, Integer value) {
            if (value == null || value < 1) {
                throw new InvalidSettingException(
                        variable, "must be a whole number of 1 or more, got " + value);
            }
        }
    }
}
