package io.waymark.location;

import io.waymark.config.InvalidSettingException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the team's latest positions are judged: {@code WAYMARK_SILENT_AFTER} (default 15m, as {@code
 * 90s}, {@code 15m}, {@code 2h} or ISO 8601 {@code PT15M}) is how long without a ping marks someone
 * silent; below {@link #LOW_BATTERY_PCT} percent their battery is low.
 */
@ConfigurationProperties("waymark.team")
public record TeamSettings(String silentAfter) {

    static final double LOW_BATTERY_PCT = 15;

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(s|m|h|d)");

    public TeamSettings {
        silence(silentAfter);
    }

    Duration silence() {
        return silence(silentAfter);
    }

    private static Duration silence(String text) {
        Duration duration = parse(text == null ? "" : text.strip());
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new InvalidSettingException(
                    "WAYMARK_SILENT_AFTER",
                    "must be a duration above zero such as 15m, 90s, 2h or PT15M, got '"
                            + text
                            + "'");
        }
        return duration;
    }

    private static Duration parse(String text) {
        Matcher match = SHORT.matcher(text);
        if (match.matches()) {
            long amount = Long.parseLong(match.group(1));
            return switch (match.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
