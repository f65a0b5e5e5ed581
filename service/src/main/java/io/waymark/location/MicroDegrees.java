package io.waymark.location;

import java.math.BigDecimal;

/**
 * Degrees with at most six decimals, held as exact integers. Six decimals are about 11 cm at the
 * equator, finer than any phone fix; decimals beyond that would be noise, so they are refused
 * rather than silently rounded.
 */
final class MicroDegrees {

    static final int SCALE = 6;

    private MicroDegrees() {}

    /**
     * Whether the value has more decimals than we keep; trailing zeros ({@code 51.1000000}) lose
     * nothing.
     */
    static boolean tooPrecise(BigDecimal degrees) {
        return degrees.stripTrailingZeros().scale() > SCALE;
    }

    /** Exact conversion; the caller has checked the range and {@link #tooPrecise(BigDecimal)}. */
    static int of(BigDecimal degrees) {
        return degrees.movePointRight(SCALE).intValueExact();
    }

    /**
     * Back to degrees with no needless digits: 51123456 → 51.123456, 180000000 → 180, -1 →
     * -0.000001. The scale never drops below zero, so the JSON number is always written plainly,
     * never as {@code 1.8E+2}.
     */
    static BigDecimal toDegrees(int microDegrees) {
        BigDecimal degrees = BigDecimal.valueOf(microDegrees, SCALE).stripTrailingZeros();
        return degrees.scale() < 0 ? degrees.setScale(0) : degrees;
    }
}
