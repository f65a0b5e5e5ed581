package io.waymark.todo;

import io.waymark.shared.Coordinate;

/**
 * Where a to-do's work is: a circle on the map.
 *
 * @param radiusM between {@link #MIN_RADIUS_M} and {@link #MAX_RADIUS_M} metres
 * @param label {@code null} when it has none
 */
record Place(Coordinate centre, int radiusM, String label) {

    /**
     * The limits, read by {@link PlaceRequest} and its API description. Under 10 m a phone's fix
     * (often 5–20 m) would flicker in and out; over 5 km a place is no longer where work happens.
     */
    static final int MIN_RADIUS_M = 10;

    static final int MAX_RADIUS_M = 5_000;
    static final int DEFAULT_RADIUS_M = 100;
    static final int MAX_LABEL = 200;

    /** Both {@code null}, or the same circle (a label is not where the work is). */
    static boolean sameArea(Place a, Place b) {
        return a == null || b == null
                ? a == b
                : a.centre().equals(b.centre()) && a.radiusM() == b.radiusM();
    }
}
