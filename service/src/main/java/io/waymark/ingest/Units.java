package io.waymark.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Optional;

/**
 * The conversions every protocol needs: to degrees with six decimals, m/s, percent, and instants
 * from what phones write for a time. Unknown values phones write as negative numbers (iOS reports
 * -1 for a speed, course or accuracy it does not know) become absent rather than invalid.
 */
final class Units {

    /** One knot in m/s, exactly (1852 m per hour). */
    static final double KNOT = 1852.0 / 3600.0;

    /** One km/h in m/s. */
    static final double KMH = 1.0 / 3.6;

    /**
     * Epoch values below this are seconds, at or above it milliseconds: 2^31 seconds is 2038, and
     * the same number of milliseconds is January 1970 (Traccar's OsmAnd decoder draws the line at
     * the same place).
     */
    private static final long MILLIS_FROM = Integer.MAX_VALUE;

    /**
     * ISO 8601 with an offset with or without a colon ({@code -07:00}, {@code -0700}, {@code Z}):
     * Overland's documented example is {@code 2015-10-01T08:00:00-0700}.
     */
    private static final DateTimeFormatter ISO_ANY_OFFSET =
            new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .optionalStart()
                    .appendOffset("+HH:MM", "Z")
                    .optionalEnd()
                    .optionalStart()
                    .appendOffset("+HHMM", "Z")
                    .optionalEnd()
                    .optionalStart()
                    .appendOffset("+HH", "Z")
                    .optionalEnd()
                    .toFormatter();

    /** Traccar's decoder also reads {@code yyyy-MM-dd HH:mm:ss}, taken as UTC. */
    private static final DateTimeFormatter SPACED =
            new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .appendLiteral(' ')
                    .append(DateTimeFormatter.ISO_LOCAL_TIME)
                    .toFormatter();

    private Units() {}

    /**
     * Degrees rounded to the six decimals Waymark keeps (11 cm): apps write doubles with up to 15.
     */
    static BigDecimal degrees(BigDecimal value) {
        return value == null ? null : value.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    static BigDecimal degrees(String text) {
        try {
            return text == null || text.isBlank() ? null : degrees(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            throw new Unreadable("not a number: " + text);
        }
    }

    /**
     * A number a protocol sent, or {@code null}; text that is not a number makes the fix
     * unreadable.
     */
    static Double number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (!Double.isFinite(value)) {
                throw new Unreadable("not a finite number: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Unreadable("not a number: " + text);
        }
    }

    /** Negative means "unknown" for speeds, courses, accuracies and battery levels. */
    static Double known(Double value) {
        return value == null || value < 0 ? null : value;
    }

    static Double times(Double value, double factor) {
        return value == null ? null : value * factor;
    }

    /** Epoch seconds or milliseconds (by size), ISO 8601, or {@code yyyy-MM-dd HH:mm:ss} UTC. */
    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            return epoch(Double.parseDouble(value));
        } catch (NumberFormatException notANumber) {
            return iso(value).orElseThrow(() -> new Unreadable("not a time: " + text));
        }
    }

    static Instant epoch(double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new Unreadable("not a time: " + value);
        }
        long millis = value < MILLIS_FROM ? Math.round(value * 1000) : Math.round(value);
        return Instant.ofEpochMilli(millis);
    }

    static Optional<Instant> iso(String value) {
        try {
            var parsed = ISO_ANY_OFFSET.parse(value);
            LocalDateTime local = LocalDateTime.from(parsed);
            ZoneOffset offset =
                    parsed.isSupported(ChronoField.OFFSET_SECONDS)
                            ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS))
                            : ZoneOffset.UTC;
            return Optional.of(OffsetDateTime.of(local, offset).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(value, SPACED).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException alsoNot) {
                return Optional.empty();
            }
        }
    }

    static <T> T required(T value, String name) {
        if (value == null) {
            throw new Unreadable(name + " is required");
        }
        return value;
    }

    /** A fix that cannot be read at all: dropped and counted, like an invalid one. */
    static final class Unreadable extends RuntimeException {

        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }
}
