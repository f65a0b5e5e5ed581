package io.waymark.todo;

import java.time.Duration;
import java.time.Instant;

/**
 * A stay at a to-do's place.
 *
 * @param leftAt {@code null} while the owner is still there
 */
record Visit(String todoId, Instant arrivedAt, Instant leftAt) {

    Long durationSeconds() {
        return leftAt == null ? null : Duration.between(arrivedAt, leftAt).toSeconds();
    }
}
