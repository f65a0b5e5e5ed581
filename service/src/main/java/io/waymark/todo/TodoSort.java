package io.waymark.todo;

import io.waymark.shared.WireName;
import java.util.function.ToLongFunction;

/**
 * The orders a to-do list can be sorted in; the id breaks ties, so every order is total and pages
 * are stable.
 */
enum TodoSort implements WireName {
    CREATED_AT(todo -> todo.createdAt().toEpochMilli()),
    DEADLINE(Todo::deadlineSortKey),
    PRIORITY(Todo::priority),
    /** From the list's {@code near} point; ordered by {@link NearbyTodos}, never by a store. */
    DISTANCE(
            todo -> {
                throw new IllegalStateException("a distance depends on the list's near point");
            });

    private final ToLongFunction<Todo> key;

    TodoSort(ToLongFunction<Todo> key) {
        this.key = key;
    }

    /**
     * The value a cursor records for the row it continues after (a deadline-less to-do sorts last).
     */
    long keyOf(Todo todo) {
        return key.applyAsLong(todo);
    }

    static TodoSort parse(String value) {
        if (value == null) {
            return CREATED_AT;
        }
        return WireName.parse(TodoSort.class, "sort", value);
    }
}
