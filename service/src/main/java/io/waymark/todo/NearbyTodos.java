package io.waymark.todo;

import io.waymark.shared.Coordinate;
import io.waymark.shared.GreatCircle;
import io.waymark.store.Keyset;
import io.waymark.store.Page;
import java.util.Comparator;
import java.util.List;

/**
 * A list with a {@code near} point: the store hands over the candidates (its filters, and the
 * bounding box of {@code within_m} on an index), and here, the same for every store, each gets its
 * exact great-circle distance, {@code within_m} is applied exactly, and the page is cut by keyset
 * on (key, id) — for {@code sort=distance} the key is the distance in millimetres, a to-do without
 * a place sorting after every distance — so cursors stay stable.
 */
final class NearbyTodos {

    /** The sort key of a to-do without a place: after every distance. */
    private static final long NO_PLACE = Long.MAX_VALUE;

    private NearbyTodos() {}

    static Page<ListedTodo> page(List<Todo> candidates, TodoQuery query) {
        Coordinate from = query.near();
        Keyset<ListedTodo> keyset =
                Keyset.ordered(
                        query.order(),
                        query.sort() == TodoSort.DISTANCE
                                ? NearbyTodos::distanceKey
                                : listed -> query.sort().keyOf(listed.todo()),
                        listed -> listed.todo().id());
        Comparator<ListedTodo> order =
                Comparator.comparingLong(keyset.key()).thenComparing(listed -> listed.todo().id());
        if (query.descending()) {
            order = order.reversed();
        }
        Keyset.Position after = keyset.after(query.page());
        Comparator<ListedTodo> finalOrder = order;
        List<ListedTodo> rows =
                candidates.stream()
                        .map(todo -> new ListedTodo(todo, metres(todo, from)))
                        .filter(
                                listed ->
                                        query.withinM() == null
                                                || (listed.distanceM() != null
                                                        && listed.distanceM() <= query.withinM()))
                        .filter(listed -> after == null || beyond(listed, after, keyset, query))
                        .sorted(finalOrder)
                        .limit(query.page().fetchSize())
                        .toList();
        return keyset.page(rows, query.page());
    }

    private static boolean beyond(
            ListedTodo listed, Keyset.Position after, Keyset<ListedTodo> keyset, TodoQuery query) {
        long key = keyset.key().applyAsLong(listed);
        int byKey = Long.compare(key, after.key());
        int compared = byKey != 0 ? byKey : listed.todo().id().compareTo(after.id());
        return query.descending() ? compared < 0 : compared > 0;
    }

    private static long distanceKey(ListedTodo listed) {
        return listed.distanceM() == null ? NO_PLACE : Math.round(listed.distanceM() * 1000);
    }

    private static Double metres(Todo todo, Coordinate from) {
        return todo.place() == null ? null : GreatCircle.metres(from, todo.place().centre());
    }
}
