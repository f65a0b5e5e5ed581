package io.waymark.todo;

import java.time.Instant;
import java.util.Locale;

/**
 * A stored to-do. Never serialized as is: {@link TodoResponse} is what leaves the service.
 *
 * @param deadline {@code null} when the to-do has none
 * @param place {@code null} when the to-do has none
 * @param startOnArrival whether the first arrival at the place moves it from pending to in progress
 * @param lastArrivedAt the latest arrival at its place, or {@code null}; the server's, from pings
 */
public record Todo(
        String id,
        String ownerId,
        String title,
        String description,
        Instant deadline,
        TodoStatus status,
        int priority,
        Place place,
        boolean startOnArrival,
        Instant lastArrivedAt,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /** Joins title and description in the search text; no title or search term can contain it. */
    static final char SEARCH_SEPARATOR = '\u001f';

    /** The sort position of a to-do without a deadline: after every real deadline. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    /**
     * What {@code q} searches: title and description lower-cased once, here, so that every store
     * compares the same text (SQLite's LOWER() would fold ASCII only).
     */
    String searchText() {
        return (title + SEARCH_SEPARATOR + (description == null ? "" : description))
                .toLowerCase(Locale.ROOT);
    }

    long deadlineSortKey() {
        return deadline == null ? NO_DEADLINE : deadline.toEpochMilli();
    }

    Todo changed(TodoValues values, Instant now) {
        return new Todo(
                id,
                ownerId,
                values.title(),
                values.description(),
                values.deadline(),
                values.status(),
                values.priority(),
                values.place(),
                values.startOnArrival(),
                lastArrivedAt,
                createdAt,
                now,
                version + 1);
    }

    /** After an arrival: its time, and in progress if it asked to start on arrival. */
    Todo arrived(Instant lastArrival, Instant now) {
        TodoStatus next =
                lastArrival != null && startOnArrival && status == TodoStatus.PENDING
                        ? TodoStatus.IN_PROGRESS
                        : status;
        return new Todo(
                id,
                ownerId,
                title,
                description,
                deadline,
                next,
                priority,
                place,
                startOnArrival,
                lastArrival,
                createdAt,
                now,
                version + 1);
    }

    /** The fields a client sets, validated. */
    TodoValues values() {
        return new TodoValues(
                title, description, deadline, status, priority, place, startOnArrival);
    }
}
