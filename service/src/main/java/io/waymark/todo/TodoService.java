package io.waymark.todo;

import io.waymark.auth.Caller;
import io.waymark.store.IdGenerator;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import io.waymark.web.ApiException.FieldError;
import io.waymark.web.ETags;
import io.waymark.web.ForbiddenException;
import io.waymark.web.InvalidRequestException;
import io.waymark.web.NotFoundException;
import io.waymark.web.PreconditionFailedException;
import io.waymark.web.Problems;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * To-dos and who may see them: a user only their own (another user's to-do is "not found", never "forbidden",
 * so its existence is not revealed), an admin everyone's.
 */
@Service
public class TodoService {

    /** Retries of a write that lost a race without an If-Match precondition (last writer wins). */
    private static final int UNCONDITIONAL_ATTEMPTS = 5;
    private static final int MAX_SEARCH_LENGTH = 200;

    private final TodoStore store;
    private final IdGenerator ids;
    private final Clock clock;
    private final Validator validator;

    TodoService(TodoStore store, IdGenerator ids, Clock clock, Validator validator) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.validator = validator;
    }

    Todo create(TodoRequest request, Caller caller) {
        TodoValues values = request.values();
        Instant now = clock.instant();
        Todo todo = new Todo(ids.newId(), caller.id(), values.title(), values.description(), values.deadline(),
                values.status(), values.priority(), now, now, 1);
        store.insert(todo);
        return todo;
    }

    Todo get(String id, Caller caller) {
        return store.findById(id).filter(todo -> caller.mayActFor(todo.ownerId()))
                .orElseThrow(() -> new NotFoundException("to-do", id));
    }

    /** The list parameters as received; each is validated here and a bad one is a 400 naming it. */
    record ListParameters(String ownerId, String status, String dueBefore, String q, String sort, String order,
                          Integer limit, String cursor) {
    }

    Page<Todo> list(ListParameters parameters, Caller caller) {
        String ownerId = parameters.ownerId();
        if (ownerId == null && !caller.isAdmin()) {
            ownerId = caller.id();
        } else if (ownerId != null && !caller.mayActFor(ownerId)) {
            throw new ForbiddenException("Only an admin may list another user's to-dos");
        }
        String q = parameters.q();
        if (q != null && (q.length() > MAX_SEARCH_LENGTH || q.chars().anyMatch(Character::isISOControl))) {
            // Control characters could match across the separator between title and description in the search text.
            throw InvalidRequestException.field("q", "must be at most " + MAX_SEARCH_LENGTH
                    + " characters, without control characters");
        }
        String order = parameters.order() == null ? "asc" : parameters.order();
        if (!order.equals("asc") && !order.equals("desc")) {
            throw InvalidRequestException.field("order", "must be asc or desc");
        }
        return store.list(new TodoQuery(ownerId,
                parameters.status() == null ? null : TodoStatus.parse("status", parameters.status()),
                parameters.dueBefore() == null ? null : Rfc3339.parse("due_before", parameters.dueBefore()),
                q == null || q.isEmpty() ? null : q.toLowerCase(Locale.ROOT),
                TodoSort.parse(parameters.sort()), order.equals("desc"),
                PageRequest.of(parameters.limit(), parameters.cursor())));
    }

    Todo replace(String id, TodoRequest request, Caller caller, OptionalLong expectedVersion) {
        TodoValues values = request.values();
        for (int attempt = 1; ; attempt++) {
            Todo current = get(id, caller);
            ETags.check(expectedVersion, current.version());
            Todo changed = current.changed(values, clock.instant());
            if (save(current, changed, expectedVersion, attempt)) {
                return changed;
            }
        }
    }

    Todo patch(String id, JsonNode patch, Caller caller, OptionalLong expectedVersion) {
        for (int attempt = 1; ; attempt++) {
            Todo current = get(id, caller);
            ETags.check(expectedVersion, current.version());
            TodoRequest merged = validated(TodoMergePatch.apply(patch, current));
            Todo changed = current.changed(merged.values(), clock.instant());
            if (save(current, changed, expectedVersion, attempt)) {
                return changed;
            }
        }
    }

    void delete(String id, Caller caller, OptionalLong expectedVersion) {
        for (int attempt = 1; ; attempt++) {
            Todo current = get(id, caller);
            ETags.check(expectedVersion, current.version());
            if (store.delete(id, current.version())) {
                return;
            }
            giveUpIfConditional(expectedVersion, attempt);
        }
    }

    /** A patched to-do must pass the same rules as a PUT body. */
    private TodoRequest validated(TodoRequest request) {
        Set<ConstraintViolation<TodoRequest>> violations = validator.validate(request);
        if (violations.isEmpty()) {
            return request;
        }
        List<FieldError> errors = violations.stream()
                .map(v -> new FieldError(Problems.wireName(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field)).distinct().toList();
        throw new InvalidRequestException(errors.stream().map(e -> "'" + e.field() + "' " + e.message())
                .collect(Collectors.joining("; ")), errors);
    }

    private boolean save(Todo current, Todo changed, OptionalLong expectedVersion, int attempt) {
        if (store.update(changed, current.version())) {
            return true;
        }
        giveUpIfConditional(expectedVersion, attempt);
        return false;
    }

    /** With If-Match, losing a race means the precondition failed; without, retry a few times. */
    private static void giveUpIfConditional(OptionalLong expectedVersion, int attempt) {
        if (expectedVersion.isPresent() || attempt >= UNCONDITIONAL_ATTEMPTS) {
            throw new PreconditionFailedException();
        }
    }
}
