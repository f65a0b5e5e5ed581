package io.waymark.todo;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where visits live, one implementation per store family. An arrival is unique per to-do: a visit
 * is keyed by (to-do, arrival time), so writing the same visit twice keeps one.
 */
interface VisitStore {

    /**
     * Runs {@code work} while no other instance runs it for the same user: the replays of one
     * user's pings take turns, so each starts from the visits the one before it wrote, and sees
     * every ping committed before it began.
     */
    void oneAtATime(String userId, Runnable work);

    /** The to-do's visits, oldest first. */
    default List<Visit> of(String todoId) {
        return ofEach(List.of(todoId)).getOrDefault(todoId, List.of());
    }

    /** The visits of each of these to-dos, oldest first; a to-do without any has no entry. */
    Map<String, List<Visit>> ofEach(Collection<String> todoIds);

    /**
     * Replaces the to-do's visits that arrived at or after {@code from} by {@code visits} (which
     * may also rewrite the one in progress at {@code from}); each is written by its key, so a
     * concurrent writer of the same visit leaves one row.
     */
    void replaceFrom(Todo todo, Instant from, List<Visit> visits);

    /** Removes a deleted to-do's visits. */
    void deleteOf(String todoId);
}
