package io.waymark.store;

import io.waymark.shared.InvalidRequestException;

/**
 * {@code limit} (default 50, at most 200) and the decoded {@code cursor} of a list request.
 *
 * @param after the position to continue after, or {@code null} for the first page
 */
public record PageRequest(int limit, Cursor after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(Integer limit, String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw InvalidRequestException.field("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(
                size, cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor));
    }

    /**
     * How many rows a store fetches: one more than the page, to know whether another page follows.
     */
    public int fetchSize() {
        return limit + 1;
    }
}
