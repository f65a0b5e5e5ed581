package io.waymark.shared;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC 3339 date-times ({@code 2026-05-01T17:00:00Z}, {@code ...+02:00}), kept to the millisecond
 * like every time.
 */
public final class Rfc3339 {

    /**
     * ISO 8601 alone would also take dates without seconds or offset, which RFC 3339 does not
     * allow.
     */
    private static final Pattern FORM =
            Pattern.compile(
                    "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    public static final String MESSAGE =
            "must be an RFC 3339 date-time such as 2026-05-01T17:00:00Z";

    private Rfc3339() {}

    /** The instant, or a 400 naming {@code field}. */
    public static Instant parse(String field, String value) {
        return tryParse(value).orElseThrow(() -> InvalidRequestException.field(field, MESSAGE));
    }

    /** The instant, or empty when {@code value} is not an RFC 3339 date-time. */
    public static Optional<Instant> tryParse(String value) {
        if (value == null || !FORM.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    OffsetDateTime.parse(
                                    value.toUpperCase(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            .toInstant()
                            .truncatedTo(ChronoUnit.MILLIS));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
