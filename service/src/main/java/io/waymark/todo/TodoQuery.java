package io.waymark.todo;

import io.waymark.shared.Coordinate;
import io.waymark.store.Keyset;
import io.waymark.store.PageRequest;
import java.time.Instant;

/**
 * A validated list request: filters, order and page.
 *
 * @param ownerId whose to-dos, or {@code null} for everyone's (admins only)
 * @param status only this status, or {@code null}
 * @param dueBefore only to-dos with a deadline strictly before this, or {@code null}
 * @param search lower-cased substring of title or description, or {@code null}
 * @param near the point distances are measured from, or {@code null} for a list without them
 * @param withinM only to-dos whose place is at most this many metres from {@code near}, or {@code
 *     null}
 */
record TodoQuery(
        String ownerId,
        TodoStatus status,
        Instant dueBefore,
        String search,
        Coordinate near,
        Integer withinM,
        TodoSort sort,
        boolean descending,
        PageRequest page) {

    /**
     * Where the page continues, in the query's order; a cursor issued for another order is refused
     * rather than misread.
     */
    Keyset.Position after() {
        return keyset().after(page);
    }

    Keyset<Todo> keyset() {
        return Keyset.ordered(order(), sort::keyOf, Todo::id);
    }

    String order() {
        return sort.wireName() + (descending ? ":desc" : ":asc");
    }
}
