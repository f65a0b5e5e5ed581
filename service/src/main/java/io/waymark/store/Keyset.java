package io.waymark.store;

import io.waymark.shared.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Keyset pagination, the one way a list's cursor is made and read: rows ordered by their id, or by
 * a numeric key (a time in milliseconds, a priority) with the id breaking ties, and the cursor
 * holding the last returned row's key and id. A list that can be sorted several ways puts the name
 * of its order first, so a cursor is never read in an order other than the one it was issued for.
 *
 * @param order the order's name, or {@code null} when the list has only one
 * @param key the sort key, or {@code null} when the list is in id order
 */
public record Keyset<T>(String order, ToLongFunction<T> key, Function<T, String> id) {

    /**
     * Where a page continues: strictly after this key (0 for a list in id order) and id, in the
     * list's direction.
     */
    public record Position(long key, String id) {}

    /** A list in id order: its cursors hold the id. */
    public static <T> Keyset<T> byId(Function<T, String> id) {
        return new Keyset<>(null, null, id);
    }

    /** A list with one order: its cursors hold the key and the id. */
    public static <T> Keyset<T> of(ToLongFunction<T> key, Function<T, String> id) {
        return new Keyset<>(null, key, id);
    }

    /** A list sorted in {@code order}, one of several: its cursors name the order too. */
    public static <T> Keyset<T> ordered(
            String order, ToLongFunction<T> key, Function<T, String> id) {
        return new Keyset<>(order, key, id);
    }

    /**
     * The position the page continues after, or {@code null} for the first page; a cursor of
     * another list or order is refused (400) rather than misread.
     */
    public Position after(PageRequest page) {
        Cursor cursor = page.after();
        if (cursor == null) {
            return null;
        }
        int parts = (order == null ? 0 : 1) + (key == null ? 0 : 1) + 1;
        if (order != null && !cursor.value(0, parts).equals(order)) {
            throw InvalidRequestException.field("cursor", "was issued for another sort or order");
        }
        long after = key == null ? 0 : cursor.longValue(parts - 2, parts);
        return new Position(after, cursor.value(parts - 1, parts));
    }

    /** The page of rows fetched with {@link PageRequest#fetchSize()}, with its next cursor. */
    public Page<T> page(List<T> rowsPlusOne, PageRequest page) {
        return Page.of(rowsPlusOne, page.limit(), this::cursorOf);
    }

    private Cursor cursorOf(T row) {
        List<Object> values = new ArrayList<>(3);
        if (order != null) {
            values.add(order);
        }
        if (key != null) {
            values.add(key.applyAsLong(row));
        }
        values.add(id.apply(row));
        return Cursor.of(values.toArray());
    }
}
