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
        @Schema(
                        implementation = PlaceResponse.class,
                        types = {"object", "null"})
                PlaceResponse place,
        @Schema(
                        types = {"integer", "null"},
                        description =
                                "Metres from the list's near point (whole metres); null outside a near list or without a place")
                Long distanceM,
        boolean startOnArrival,
        @Schema(
                        types = {"string", "null"},
                        format = "date-time",
                        description = "The latest arrival at the place, from the owner's pings")
                Instant lastArrivedAt,
        String ownerId,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    static TodoResponse of(Todo todo) {
        return of(todo, null);
    }

    static TodoResponse of(Todo todo, Long distanceM) {
        return new TodoResponse(
                todo.id(),
                todo.title(),
                todo.description(),
                todo.deadline(),
                todo.status(),
                todo.priority(),
                PlaceResponse.of(todo.place()),
                distanceM,
                todo.startOnArrival(),
                todo.lastArrivedAt(),
                todo.ownerId(),
                todo.createdAt(),
                todo.updatedAt(),
                todo.version());
    }
}
