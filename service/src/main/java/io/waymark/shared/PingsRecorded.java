package io.waymark.shared;

import java.time.Instant;

/**
 * Published (synchronously, by the one path every ping takes) after a user's pings are stored, so
 * that features which react to positions (a to-do's arrivals) can, without depending on the
 * locations feature.
 *
 * @param earliest the earliest recorded time among the stored pings: a late batch from a phone's
 *     offline buffer can be earlier than pings already stored, and what follows from it is redone
 *     from there
 */
public record PingsRecorded(String userId, Instant earliest) {}
