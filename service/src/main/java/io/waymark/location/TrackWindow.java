package io.waymark.location;

import java.time.Instant;

/**
 * Whose track a download holds and which part of it: recorded_at in [from, to), either bound open
 * when {@code null}.
 */
record TrackWindow(String userId, String userName, Instant from, Instant to) {}
