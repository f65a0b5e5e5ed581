package io.waymark.shared;

import java.time.Instant;
import java.util.List;

/** A user's stored pings, for features that replay them: implemented by the locations feature. */
public interface PingHistory {

    /**
     * A stored fix.
     *
     * @param accuracyM metres, or {@code null} when the device sent none
     */
    record Fix(String id, Coordinate position, Double accuracyM, Instant recordedAt) {}

    /** The user's pings recorded at or after {@code from}, oldest first (then by id). */
    List<Fix> since(String userId, Instant from);
}
