package io.waymark.todo;

import java.time.Instant;

/**
 * The client-settable fields of a to-do, after validation (title trimmed, deadline parsed, defaults
 * applied).
 */
record TodoValues(
        String title,
        String description,
        Instant deadline,
        TodoStatus status,
        int priority,
        Place place,
        boolean startOnArrival) {}
