package io.waymark.todo;

import io.waymark.shared.Coordinate;
import io.waymark.shared.GreatCircle;
import io.waymark.store.Keyset;
import io.waymark.store.Page;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * A list with a {@code near} point: the store hands over the candidates (its filters, and the
 * bounding box of {@code within_m} on an index), and here, the same for every store, each gets its
 * exact great-circle distance, {@code within_m} is applied exactly, and the page is cut by keyset
 * on (key, id) — for {@code sort=distance} the key is the distance in millimetres, a to-do without
 * a place sorting after every distance — so cursors stay stable.
 *
 * <p>Nearest first reads rings, not everything: the candidates in the box of a radius, starting at
 * {@link #FIRST_RING_M} and doubling, until a page's worth lies strictly within the radius (nothing
 * outside the box can come before them); only when none does is the whole list read. For someone
 * with 10,000 placed to-dos, a page near them reads tens of rows instead of 10,000 (bench/run's
 * {@code near} scenario).
 */
final class NearbyTodos {

    /** The sort key of a to-do without a place: after every distance. */
    private static final long NO_PLACE = Long.MAX_VALUE;

    /** The first ring's radius: a site and its neighbours. */
    static final double FIRST_RING_M = 2_000;

    /** Beyond this the box is the whole Earth: half the circumference. */
    private static final double HALF_EARTH_M = Math.PI * GreatCircle.EARTH_RADIUS_M;

    private NearbyTodos() {}

    /**
     * The page of the query's list; {@code candidates} reads the store's matches of the query
     * within a box ({@code null}: wherever they are, with or without a place).
     */
    static Page<ListedTodo> page(
            Function<GreatCircle.Box, List<Todo>> candidates, TodoQuery query) {
        Keyset<ListedTodo> keyset = keyset(query);
        Keyset.Position after = keyset.after(query.page());
        Double withinM = query.withinM() == null ? null : query.withinM().doubleValue();
        if (query.sort() == TodoSort.DISTANCE && !query.descending()) {
            double reach = withinM == null ? HALF_EARTH_M : withinM;
            double from = after == null ? 0 : after.key() / 1000.0;
            for (double ring = Math.max(FIRST_RING_M, 2 * from); ring < reach; ring *= 2) {
                List<ListedTodo> rows =
                        rows(
                                candidates.apply(GreatCircle.box(query.near(), ring)),
                                query,
                                keyset,
                                after,
                                ring);
                if (rows.size() == query.page().fetchSize()) {
                    return keyset.page(rows, query.page());
                }
            }
        }
        GreatCircle.Box box = withinM == null ? null : GreatCircle.box(query.near(), withinM);
        return keyset.page(rows(candidates.apply(box), query, keyset, after, null), query.page());
    }

    private static Keyset<ListedTodo> keyset(TodoQuery query) {
        return Keyset.ordered(
                query.order(),
                query.sort() == TodoSort.DISTANCE
                        ? NearbyTodos::distanceKey
                        : listed -> query.sort().keyOf(listed.todo()),
                listed -> listed.todo().id());
    }

    /**
     * The candidates' next page-and-one in the query's order; with a {@code ring}, only those whose
     * distance key is below the ring's (every to-do outside the ring's box has a larger one).
     */
    private static List<ListedTodo> rows(
            List<Todo> candidates,
            TodoQuery query,
            Keyset<ListedTodo> keyset,
            Keyset.Position after,
            Double ring) {
        Coordinate from = query.near();
        Comparator<ListedTodo> order =
                Comparator.comparingLong(keyset.key()).thenComparing(listed -> listed.todo().id());
        if (query.descending()) {
            order = order.reversed();
        }
        Comparator<ListedTodo> finalOrder = order;
        return candidates.stream()
                .map(todo -> new ListedTodo(todo, metres(todo, from)))
                .filter(
                        listed ->
                                query.withinM() == null
                                        || (listed.distanceM() != null
                                                && listed.distanceM() <= query.withinM()))
                .filter(
                        listed ->
                                ring == null
                                        || (listed.distanceM() != null
                                                && distanceKey(listed) < Math.round(ring * 1000)))
                .filter(listed -> after == null || beyond(listed, after, keyset, query))
                .sorted(finalOrder)
                .limit(query.page().fetchSize())
                .toList();
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
