package io.waymark.todo;

import io.waymark.shared.InvalidRequestException;
import io.waymark.store.Cursor;
import io.waymark.store.PageRequest;
import java.time.Instant;

/**
 * A validated list request: filters, order and page.
 *
 * @param ownerId whose to-dos, or {@code null} for everyone's (admins only)
 * @param status only this status, or {@code null}
 * @param dueBefore only to-dos with a deadline strictly before this, or {@code null}
 * @param search lower-cased substring of title or description, or {@code null}
 */
record TodoQuery(
        String ownerId,
        TodoStatus status,
        Instant dueBefore,
        String search,
        TodoSort sort,
        boolean descending,
        PageRequest page) {

    private static final int CURSOR_PARTS = 3;

    /** Where the page continues: after this sort key and id, in the query's direction. */
    record After(long sortKey, String id) {}

    /**
     * The position after the cursor; a cursor issued for another order is refused rather than
     * misread.
     */
    After after() {
        Cursor cursor = page.after();
        if (cursor == null) {
            return null;
        }
        if (!cursor.value(0, CURSOR_PARTS).equals(order())) {
            throw InvalidRequestException.field("cursor", "was issued for another sort or order");
        }
        return new After(cursor.longValue(1, CURSOR_PARTS), cursor.value(2, CURSOR_PARTS));
    }

    Cursor cursorOf(Todo todo) {
        return Cursor.of(order(), sort.keyOf(todo), todo.id());
    }

    private String order() {
        return sort.wireName() + (descending ? ":desc" : ":asc");
    }
}
