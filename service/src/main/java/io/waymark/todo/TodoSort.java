package io.waymark.todo;

import io.waymark.shared.InvalidRequestException;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/** The orders a to-do list can be sorted in; the id breaks ties, so every order is total and pages are stable. */
enum TodoSort {
    CREATED_AT("created_at", todo -> todo.createdAt().toEpochMilli()),
    DEADLINE("deadline", Todo::deadlineSortKey),
    PRIORITY("priority", Todo::priority);

    private final String wireName;
    private final ToLongFunction<Todo> key;

    TodoSort(String wireName, ToLongFunction<Todo> key) {
        this.wireName = wireName;
        this.key = key;
    }

    String wireName() {
        return wireName;
    }

    /** The value a cursor records for the row it continues after (a deadline-less to-do sorts last). */
    long keyOf(Todo todo) {
        return key.applyAsLong(todo);
    }

    static TodoSort parse(String value) {
        if (value == null) {
            return CREATED_AT;
        }
        return Arrays.stream(values()).filter(sort -> sort.wireName.equals(value)).findFirst()
                .orElseThrow(() -> InvalidRequestException.field("sort", "must be one of created_at, deadline, priority"));
    }
}
