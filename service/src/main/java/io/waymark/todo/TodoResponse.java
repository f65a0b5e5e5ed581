package io.waymark.todo;

import java.time.Instant;

/** A to-do as clients see it. */
public record TodoResponse(String id, String title, String description, Instant deadline, TodoStatus status,
                           int priority, String ownerId, Instant createdAt, Instant updatedAt, long version) {

    static TodoResponse of(Todo todo) {
        return new TodoResponse(todo.id(), todo.title(), todo.description(), todo.deadline(), todo.status(),
                todo.priority(), todo.ownerId(), todo.createdAt(), todo.updatedAt(), todo.version());
    }
}
