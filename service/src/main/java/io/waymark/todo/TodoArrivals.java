package io.waymark.todo;

import io.waymark.shared.Coordinate;
import io.waymark.shared.GreatCircle;
import io.waymark.shared.PingHistory;
import io.waymark.shared.PingsRecorded;
import io.waymark.store.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Arrivals at open to-dos' places, from their owner's pings. A ping is inside when its distance
 * minus its accuracy is at most the radius; the owner has left at the first later ping whose
 * distance minus accuracy is beyond the radius plus {@link #hysteresisM} (a fix wandering at the
 * edge does not make a string of visits).
 *
 * <p>Visits are a pure function of the pings in recorded order: for each open to-do with a place,
 * the visits from the batch's earliest recorded time on are recomputed from the pings stored since
 * then, starting from the state the earlier visits leave. So a late batch from an offline buffer is
 * applied in recorded order. The replays of one user's pings take turns ({@link
 * VisitStore#oneAtATime}), so two instances receiving them at once each start from what the other
 * wrote and read every ping committed before their turn; the (to-do, arrival time) key stores an
 * arrival once even so. A to-do whose place changes is replayed whole ({@link #placeChanged}).
 */
@Component
class TodoArrivals {

    private final TodoStore todos;
    private final VisitStore visits;
    private final PingHistory history;
    private final Clock clock;

    TodoArrivals(TodoStore todos, VisitStore visits, PingHistory history, Clock clock) {
        this.todos = todos;
        this.visits = visits;
        this.history = history;
        this.clock = clock;
    }

    /** Every place on Earth: a box that leaves out only the to-dos without one. */
    private static final GreatCircle.Box EVERYWHERE =
            new GreatCircle.Box(
                    -Coordinate.MAX_LAT * 1_000_000,
                    Coordinate.MAX_LAT * 1_000_000,
                    -Coordinate.MAX_LNG * 1_000_000,
                    Coordinate.MAX_LNG * 1_000_000);

    /** max(25 m, 20 % of the radius). */
    static double hysteresisM(int radiusM) {
        return Math.max(25, radiusM * 0.2);
    }

    // After the pings' transaction commits (or at once, outside one): the replay reads them back.
    @TransactionalEventListener(fallbackExecution = true)
    void on(PingsRecorded event) {
        // Most pings come from someone with no open placed to-do: then no lock and no replay, one
        // indexed read (measured: reading every to-do of the owner under the lock made a batch of
        // 100 pings 17 times slower for a user with thousands of to-dos).
        if (!openPlaced(event.userId()).isEmpty()) {
            visits.oneAtATime(event.userId(), () -> replay(event));
        }
    }

    /** The owner's to-dos with a place that are not done, read through the place index. */
    private List<Todo> openPlaced(String userId) {
        TodoQuery owners =
                new TodoQuery(
                        userId,
                        null,
                        null,
                        null,
                        null,
                        null,
                        TodoSort.CREATED_AT,
                        false,
                        PageRequest.of(1, null));
        return todos.matching(owners, EVERYWHERE).stream()
                .filter(todo -> todo.place() != null)
                .filter(todo -> todo.status() != TodoStatus.COMPLETED)
                .toList();
    }

    /**
     * After the to-do's place moved, changed its radius or went: its visits again, from every ping
     * of its owner since it was created (none without a place). A completed to-do's visits are its
     * record and stay. Returns the to-do as it stands after.
     */
    Todo placeChanged(Todo changed) {
        visits.oneAtATime(
                changed.ownerId(),
                () ->
                        todos.findById(changed.id())
                                .filter(todo -> todo.status() != TodoStatus.COMPLETED)
                                .ifPresent(this::replayWhole));
        return todos.findById(changed.id()).orElse(changed);
    }

    private void replayWhole(Todo todo) {
        Instant created = todo.createdAt();
        List<Visit> before = visits.of(todo.id());
        if (todo.place() == null) {
            if (!before.isEmpty()) {
                visits.replaceFrom(todo, created, List.of());
            }
            record(todo, null);
            return;
        }
        replay(todo, created, history.since(todo.ownerId(), created), before);
    }

    private void replay(PingsRecorded event) {
        List<Todo> open = openPlaced(event.userId());
        if (open.isEmpty()) {
            return;
        }
        Instant from =
                open.stream()
                        .map(Todo::createdAt)
                        .min(Instant::compareTo)
                        .filter(created -> created.isAfter(event.earliest()))
                        .orElse(event.earliest());
        List<PingHistory.Fix> pings = history.since(event.userId(), from);
        Map<String, List<Visit>> before = visits.ofEach(open.stream().map(Todo::id).toList());
        for (Todo todo : open) {
            replay(todo, event.earliest(), pings, before.getOrDefault(todo.id(), List.of()));
        }
    }

    /**
     * Recomputes the to-do's visits from {@code start} on; writes only when they differ from those
     * stored (most pings change nothing for most of the owner's places).
     */
    private void replay(
            Todo todo, Instant earliest, List<PingHistory.Fix> pings, List<Visit> before) {
        Instant start = todo.createdAt().isAfter(earliest) ? todo.createdAt() : earliest;
        Place place = todo.place();
        double exit = place.radiusM() + hysteresisM(place.radiusM());
        Instant arrival = null;
        List<Visit> stored = new ArrayList<>(); // those the replay rewrites
        for (Visit visit : before) {
            if (!visit.arrivedAt().isBefore(start)) {
                stored.add(visit);
            } else if (visit.leftAt() == null || !visit.leftAt().isBefore(start)) {
                arrival = visit.arrivedAt(); // in progress when the replay starts
                stored.add(visit);
            }
        }
        List<Visit> replayed = new ArrayList<>();
        for (PingHistory.Fix fix : pings) {
            if (fix.recordedAt().isBefore(start)) {
                continue;
            }
            double beyond =
                    GreatCircle.metres(fix.position(), place.centre())
                            - (fix.accuracyM() == null ? 0 : fix.accuracyM());
            if (arrival == null && beyond <= place.radiusM()) {
                arrival = fix.recordedAt();
            } else if (arrival != null && beyond > exit) {
                replayed.add(new Visit(todo.id(), arrival, fix.recordedAt()));
                arrival = null;
            }
        }
        if (arrival != null) {
            replayed.add(new Visit(todo.id(), arrival, null));
        }
        if (!replayed.equals(stored)) {
            visits.replaceFrom(todo, start, replayed);
        }
        Instant last =
                replayed.isEmpty() ? lastBefore(before, start) : replayed.getLast().arrivedAt();
        record(todo, last);
    }

    private static Instant lastBefore(List<Visit> visits, Instant start) {
        return visits.stream()
                .map(Visit::arrivedAt)
                .filter(arrived -> arrived.isBefore(start))
                .max(Instant::compareTo)
                .orElse(null);
    }

    /** The to-do's last arrival (and start on arrival), retried while its version moves. */
    private void record(Todo todo, Instant last) {
        Todo current = todo;
        for (int attempt = 0; attempt < 5 && current != null; attempt++) {
            boolean unchanged =
                    last == null
                            ? current.lastArrivedAt() == null
                            : last.equals(current.lastArrivedAt())
                                    && !(current.startOnArrival()
                                            && current.status() == TodoStatus.PENDING);
            if (unchanged) {
                return;
            }
            Todo arrived = current.arrived(last, clock.instant());
            if (todos.update(arrived, current.version())) {
                return;
            }
            current = todos.findById(todo.id()).orElse(null);
        }
    }
}
