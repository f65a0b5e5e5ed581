package io.waymark.shared;

import io.waymark.shared.ApiException.FieldError;
import java.math.BigDecimal;
import java.util.List;

/**
 * A point on the globe (WGS 84 degrees) as exact integer micro-degrees, what every store keeps. Six
 * decimals are about 11 cm at the equator, finer than any phone fix; decimals beyond that would be
 * noise, so they are refused rather than silently rounded, and the six a client sends come back
 * exactly. Any feature that takes a position (a ping, a to-do's place) reads it with {@link #of},
 * so they all accept and refuse the same values with the same words.
 */
public record Coordinate(int latE6, int lngE6) {

    public static final int MAX_LAT = 90;
    public static final int MAX_LNG = 180;

    /** Decimals kept. */
    public static final int SCALE = 6;

    public Coordinate {
        if (Math.abs((long) latE6) > MAX_LAT * 1_000_000L
                || Math.abs((long) lngE6) > MAX_LNG * 1_000_000L) {
            throw new IllegalArgumentException("Not a coordinate: " + latE6 + ", " + lngE6);
        }
    }

    /**
     * The coordinate of {@code lat} and {@code lng} as a client sent them, or {@code null} after
     * adding to {@code errors} what is wrong with each, named {@code latField} and {@code
     * lngField}.
     */
    public static Coordinate of(
            BigDecimal lat,
            BigDecimal lng,
            String latField,
            String lngField,
            List<FieldError> errors) {
        Integer latE6 = microDegrees(lat, MAX_LAT, latField, errors);
        Integer lngE6 = microDegrees(lng, MAX_LNG, lngField, errors);
        return latE6 == null || lngE6 == null ? null : new Coordinate(latE6, lngE6);
    }

    public BigDecimal lat() {
        return toDegrees(latE6);
    }

    public BigDecimal lng() {
        return toDegrees(lngE6);
    }

    /**
     * Exact conversion of degrees with at most {@link #SCALE} decimals (trailing zeros, as in
     * {@code 51.1000000}, lose nothing).
     */
    public static int microDegrees(BigDecimal degrees) {
        return degrees.movePointRight(SCALE).intValueExact();
    }

    /**
     * Back to degrees with no needless digits: 51123456 → 51.123456, 180000000 → 180, -1 →
     * -0.000001. The scale never drops below zero, so the JSON number is always written plainly,
     * never as {@code 1.8E+2}.
     */
    public static BigDecimal toDegrees(int microDegrees) {
        BigDecimal degrees = BigDecimal.valueOf(microDegrees, SCALE).stripTrailingZeros();
        return degrees.scale() < 0 ? degrees.setScale(0) : degrees;
    }

    private static Integer microDegrees(
            BigDecimal degrees, int max, String field, List<FieldError> errors) {
        if (degrees == null) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (degrees.abs().compareTo(BigDecimal.valueOf(max)) > 0) {
            errors.add(new FieldError(field, "must be between -" + max + " and " + max));
            return null;
        }
        if (degrees.stripTrailingZeros().scale() > SCALE) {
            errors.add(new FieldError(field, "must have at most " + SCALE + " decimals"));
            return null;
        }
        return microDegrees(degrees);
    }
}
