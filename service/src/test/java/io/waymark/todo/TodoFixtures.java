package io.waymark.todo;

import io.waymark.shared.IdGenerator;
import io.waymark.testing.RunningService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * The one fixture for to-dos: stored rows for the store contract, JSON bodies for the HTTP tests.
 */
final class TodoFixtures {

    static final Instant BASE = Instant.parse("2026-03-01T08:00:00Z");

    private final RunningService service;
    private final String ownerId;

    TodoFixtures(RunningService service, String ownerId) {
        this.service = service;
        this.ownerId = ownerId;
    }

    /**
     * A to-do of this owner: pending, priority 0, no description or deadline, created at {@link
     * #BASE}.
     */
    Todo todo(String title) {
        String id = service.bean(IdGenerator.class).newId();
        return new Todo(
                id,
                ownerId,
                title,
                null,
                null,
                TodoStatus.PENDING,
                0,
                null,
                false,
                null,
                BASE,
                BASE,
                1);
    }

    Todo stored(Todo todo) {
        service.bean(TodoStore.class).insert(todo);
        return todo;
    }

    static Todo with(
            Todo todo,
            String description,
            Instant deadline,
            TodoStatus status,
            int priority,
            Instant createdAt) {
        return new Todo(
                todo.id(),
                todo.ownerId(),
                todo.title(),
                description,
                deadline,
                status,
                priority,
                todo.place(),
                todo.startOnArrival(),
                todo.lastArrivedAt(),
                createdAt.truncatedTo(ChronoUnit.MILLIS),
                createdAt.truncatedTo(ChronoUnit.MILLIS),
                todo.version());
    }

    /** A request body with a title and any further fields (name, value, name, value...). */
    static Map<String, Object> body(String title, Object... more) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }
}
