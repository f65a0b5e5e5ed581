package io.waymark.store;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, and the opaque cursor of the next page ({@code null} on the last page).
 * Serialized as {@code {"items": [...], "next_cursor": "..."}}.
 */
public record Page<T>(List<T> items, @Schema(types = {"string", "null"}) String nextCursor) {

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only proves there is a
     * next page, and the cursor points after the last row that is returned.
     */
    public static <T> Page<T> of(List<T> rowsPlusOne, int limit, Function<T, Cursor> cursorOf) {
        if (rowsPlusOne.size() <= limit) {
            return new Page<>(rowsPlusOne, null);
        }
        List<T> items = rowsPlusOne.subList(0, limit);
        return new Page<>(List.copyOf(items), cursorOf.apply(items.getLast()).encode());
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
