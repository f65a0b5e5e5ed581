package io.waymark.todo;

import io.waymark.config.WriteLimits;
import io.waymark.shared.ApiException.FieldError;
import io.waymark.shared.Caller;
import io.waymark.shared.ConditionalWrite;
import io.waymark.shared.ConflictException;
import io.waymark.shared.Coordinate;
import io.waymark.shared.ETags;
import io.waymark.shared.ForbiddenException;
import io.waymark.shared.IdGenerator;
import io.waymark.shared.InvalidRequestException;
import io.waymark.shared.LatestPositions;
import io.waymark.shared.NotFoundException;
import io.waymark.shared.Rfc3339;
import io.waymark.store.Keyset;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * To-dos and who may see them: a user only their own (another user's to-do is "not found", never
 * "forbidden", so its existence is not revealed), an admin everyone's.
 */
@Service
public class TodoService {

    private static final int MAX_SEARCH_LENGTH = 200;

    /** Half the Earth's circumference, rounded down: every place is within it. */
    static final int MAX_WITHIN_M = 20_000_000;

    static final String NEAR_MESSAGE =
            "must be 'me' or 'lat,lng' in degrees (lat -90..90, lng -180..180, at most 6 decimals)";

    private final TodoStore store;
    private final IdGenerator ids;
    private final Clock clock;
    private final Validator validator;
    private final WriteLimits limits;
    private final LatestPositions positions;
    private final VisitStore visits;
    private final TodoArrivals arrivals;

    TodoService(
            TodoStore store,
            IdGenerator ids,
            Clock clock,
            Validator validator,
            WriteLimits limits,
            LatestPositions positions,
            VisitStore visits,
            TodoArrivals arrivals) {
        this.positions = positions;
        this.visits = visits;
        this.arrivals = arrivals;
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.validator = validator;
        this.limits = limits;
    }

    Todo create(TodoRequest request, Caller caller) {
        limits.todos().take(caller.id(), 1);
        TodoValues values = request.values();
        Instant now = clock.instant();
        Todo todo =
                new Todo(
                        ids.newId(),
                        caller.id(),
                        values.title(),
                        values.description(),
                        values.deadline(),
                        values.status(),
                        values.priority(),
                        values.place(),
                        values.startOnArrival(),
                        null,
                        now,
                        now,
                        1);
        store.insert(todo);
        return todo;
    }

    Todo get(String id, Caller caller) {
        return store.findById(id)
                .filter(todo -> caller.mayActFor(todo.ownerId()))
                .orElseThrow(() -> new NotFoundException("to-do", id));
    }

    /** The to-do's visits, newest first, a page at a time; the to-do's owner or an admin. */
    Page<Visit> visits(String id, PageRequest page, Caller caller) {
        Todo todo = get(id, caller);
        Keyset<Visit> keyset = Keyset.of(visit -> visit.arrivedAt().toEpochMilli(), Visit::todoId);
        Keyset.Position after = keyset.after(page);
        List<Visit> newestFirst =
                visits.of(todo.id()).reversed().stream()
                        .filter(
                                visit ->
                                        after == null
                                                || visit.arrivedAt().toEpochMilli() < after.key())
                        .limit(page.fetchSize())
                        .toList();
        return keyset.page(newestFirst, page);
    }

    /** The list parameters as received; each is validated here and a bad one is a 400 naming it. */
    record ListParameters(
            String ownerId,
            String status,
            String dueBefore,
            String q,
            String sort,
            String order,
            String near,
            Integer withinM,
            Integer limit,
            String cursor) {}

    Page<ListedTodo> list(ListParameters parameters, Caller caller) {
        String ownerId = parameters.ownerId();
        if (ownerId == null && !caller.isAdmin()) {
            ownerId = caller.id();
        } else if (ownerId != null && !caller.mayActFor(ownerId)) {
            throw new ForbiddenException("Only an admin may list another user's to-dos");
        }
        String q = parameters.q();
        if (q != null
                && (q.length() > MAX_SEARCH_LENGTH
                        || q.chars().anyMatch(Character::isISOControl))) {
            // Control characters could match across the separator between title and description in
            // the search text.
            throw InvalidRequestException.field(
                    "q",
                    "must be at most "
                            + MAX_SEARCH_LENGTH
                            + " characters, without control characters");
        }
        String order = parameters.order() == null ? "asc" : parameters.order();
        if (!order.equals("asc") && !order.equals("desc")) {
            throw InvalidRequestException.field("order", "must be asc or desc");
        }
        TodoSort sort = TodoSort.parse(parameters.sort());
        Integer withinM = parameters.withinM();
        if (withinM != null && (withinM < 1 || withinM > MAX_WITHIN_M)) {
            throw InvalidRequestException.field(
                    "within_m", "must be between 1 and " + MAX_WITHIN_M + " metres");
        }
        if (parameters.near() == null && (sort == TodoSort.DISTANCE || withinM != null)) {
            throw InvalidRequestException.field(
                    "near", "is required with sort=distance or within_m: " + NEAR_MESSAGE);
        }
        Coordinate near = parameters.near() == null ? null : near(parameters.near(), caller);
        TodoQuery query =
                new TodoQuery(
                        ownerId,
                        parameters.status() == null
                                ? null
                                : TodoStatus.parse("status", parameters.status()),
                        parameters.dueBefore() == null
                                ? null
                                : Rfc3339.parse("due_before", parameters.dueBefore()),
                        q == null || q.isEmpty() ? null : q.toLowerCase(Locale.ROOT),
                        near,
                        withinM,
                        sort,
                        order.equals("desc"),
                        PageRequest.of(parameters.limit(), parameters.cursor()));
        if (near == null) {
            return store.list(query).map(todo -> new ListedTodo(todo, null));
        }
        return NearbyTodos.page(box -> store.matching(query, box), query);
    }

    /** {@code me} (the caller's latest ping) or {@code lat,lng}. */
    private Coordinate near(String value, Caller caller) {
        if (value.equals("me")) {
            return positions
                    .latest(caller.id())
                    .orElseThrow(
                            () ->
                                    new ConflictException(
                                            "near=me measures from your latest position, and you have sent none yet:"
                                                    + " send a ping (POST /api/v1/locations) or give near=lat,lng",
                                            new FieldError("near", "you have no position yet")));
        }
        String[] parts = value.split(",", -1);
        List<FieldError> errors = new ArrayList<>();
        Coordinate point = null;
        if (parts.length == 2) {
            try {
                point =
                        Coordinate.of(
                                new BigDecimal(parts[0].strip()),
                                new BigDecimal(parts[1].strip()),
                                "near",
                                "near",
                                errors);
            } catch (NumberFormatException e) {
                point = null;
            }
        }
        if (point == null) {
            throw InvalidRequestException.field("near", NEAR_MESSAGE);
        }
        return point;
    }

    Todo replace(String id, TodoRequest request, Caller caller, OptionalLong expectedVersion) {
        limits.todos().take(caller.id(), 1);
        TodoValues values = request.values();
        return ConditionalWrite.run(
                expectedVersion,
                () -> {
                    Todo current = get(id, caller);
                    ETags.check(expectedVersion, current.version());
                    return save(current, current.changed(values, clock.instant()));
                });
    }

    Todo patch(String id, JsonNode patch, Caller caller, OptionalLong expectedVersion) {
        limits.todos().take(caller.id(), 1);
        return ConditionalWrite.run(
                expectedVersion,
                () -> {
                    Todo current = get(id, caller);
                    ETags.check(expectedVersion, current.version());
                    TodoRequest merged = validated(TodoMergePatch.apply(patch, current));
                    return save(current, current.changed(merged.values(), clock.instant()));
                });
    }

    void delete(String id, Caller caller, OptionalLong expectedVersion) {
        limits.todos().take(caller.id(), 1);
        ConditionalWrite.run(
                expectedVersion,
                () -> {
                    Todo current = get(id, caller);
                    ETags.check(expectedVersion, current.version());
                    if (!store.delete(id, current.version())) {
                        return Optional.empty();
                    }
                    visits.deleteOf(id);
                    return Optional.of(current);
                });
    }

    /** A patched to-do must pass the same rules as a PUT body. */
    private TodoRequest validated(TodoRequest request) {
        Set<ConstraintViolation<TodoRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw InvalidRequestException.of(violations);
        }
        return request;
    }

    private Optional<Todo> save(Todo current, Todo changed) {
        if (!store.update(changed, current.version())) {
            return Optional.empty();
        }
        if (Place.sameArea(current.place(), changed.place())) {
            return Optional.of(changed);
        }
        // Visits are of the place as it is: a moved or resized one has others.
        return Optional.of(arrivals.placeChanged(changed));
    }
}
