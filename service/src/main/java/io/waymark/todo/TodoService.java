package io.waymark.todo;

import io.waymark.config.WriteLimits;
import io.waymark.shared.Caller;
import io.waymark.shared.ConditionalWrite;
import io.waymark.shared.ETags;
import io.waymark.shared.ForbiddenException;
import io.waymark.shared.IdGenerator;
import io.waymark.shared.InvalidRequestException;
import io.waymark.shared.NotFoundException;
import io.waymark.shared.Rfc3339;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
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

    private final TodoStore store;
    private final IdGenerator ids;
    private final Clock clock;
    private final Validator validator;
    private final WriteLimits limits;

    TodoService(
            TodoStore store,
            IdGenerator ids,
            Clock clock,
            Validator validator,
            WriteLimits limits) {
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

    /** The list parameters as received; each is validated here and a bad one is a 400 naming it. */
    record ListParameters(
            String ownerId,
            String status,
            String dueBefore,
            String q,
            String sort,
            String order,
            Integer limit,
            String cursor) {}

    Page<Todo> list(ListParameters parameters, Caller caller) {
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
        return store.list(
                new TodoQuery(
                        ownerId,
                        parameters.status() == null
                                ? null
                                : TodoStatus.parse("status", parameters.status()),
                        parameters.dueBefore() == null
                                ? null
                                : Rfc3339.parse("due_before", parameters.dueBefore()),
                        q == null || q.isEmpty() ? null : q.toLowerCase(Locale.ROOT),
                        TodoSort.parse(parameters.sort()),
                        order.equals("desc"),
                        PageRequest.of(parameters.limit(), parameters.cursor())));
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
                    return store.delete(id, current.version())
                            ? Optional.of(current)
                            : Optional.empty();
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
        return store.update(changed, current.version()) ? Optional.of(changed) : Optional.empty();
    }
}
