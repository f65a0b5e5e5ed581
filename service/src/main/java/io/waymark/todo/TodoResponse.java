package io.waymark.todo;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A to-do as clients see it. */
public record TodoResponse(
        String id,
        String title,
        @Schema(types = {"string", "null"}) String description,
        @Schema(
                        types = {"string", "null"},
                        format = "date-time")
                Instant deadline,
        TodoStatus status,
        int priority,
        String ownerId,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    static TodoResponse of(Todo todo) {
        return new TodoResponse(
                todo.id(),
                todo.title(),
                todo.description(),
                todo.deadline(),
                todo.status(),
                todo.priority(),
                todo.ownerId(),
                todo.createdAt(),
                todo.updatedAt(),
                todo.version());
    }
}
