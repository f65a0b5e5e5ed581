package io.waymark.todo;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.idempotency.Idempotency;
import io.waymark.shared.Caller;
import io.waymark.shared.ETags;
import io.waymark.shared.Endpoint;
import io.waymark.shared.ProblemType;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/api/v1/todos", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "todos", description = "Each user's to-do list; an admin sees everyone's")
class TodoController {

    private static final String BASE = "/api/v1/todos/";

    private final TodoService todos;
    private final Idempotency idempotency;

    TodoController(TodoService todos, Idempotency idempotency) {
        this.todos = todos;
        this.idempotency = idempotency;
    }

    @Endpoint(
            access = Endpoint.Access.SIGNED_IN,
            limit = Endpoint.Limit.PER_USER_WRITES,
            examples = {
                @Endpoint.Example(
                        body =
                                "{\"title\":\"train {round}\",\"description\":\"a mix\",\"deadline\":\"2030-01-01T00:00:00Z\",\"priority\":3}",
                        status = 201),
                @Endpoint.Example(
                        body = "{\"title\":\"idempotent\"}",
                        headers = Idempotency.HEADER + ": key-{round}",
                        status = 201),
                @Endpoint.Example(
                        body = "{\"title\":\"idempotent\"}",
                        headers = Idempotency.HEADER + ": key-{round}",
                        status = 201),
                @Endpoint.Example(body = "{\"title\":\"\",\"priority\":-1}", status = 400)
            })
    @PostMapping
    @Operation(summary = "Add a to-do", description = Idempotency.RETRIES)
    @ApiResponse(
            responseCode = "201",
            description = "Created; Location names it, ETag is its version",
            content = @Content(schema = @Schema(implementation = TodoResponse.class)))
    ResponseEntity<TodoResponse> create(
            @Valid @RequestBody TodoRequest request,
            @Parameter(description = "1 to 255 characters, unique per request you make")
                    @RequestHeader(name = Idempotency.HEADER, required = false)
                    String idempotencyKey,
            Caller caller) {
        return idempotency.execute(
                caller.id(),
                idempotencyKey,
                request,
                TodoResponse.class,
                () -> {
                    Todo todo = todos.create(request, caller);
                    return ResponseEntity.created(URI.create(BASE + todo.id()))
                            .eTag(ETags.of(todo.version()))
                            .body(TodoResponse.of(todo));
                });
    }

    @Endpoint(
            access = Endpoint.Access.SIGNED_IN,
            polled = true,
            answers =
                    @Endpoint.Answer(
                            type = ProblemType.CONFLICT,
                            when = "near=me, and you have sent no position yet"),
            examples = {
                @Endpoint.Example(
                        query = "limit=20&sort=deadline&order=desc&status=pending&q=train",
                        status = 200),
                @Endpoint.Example(
                        query = "near=51.5,-0.12&within_m=2000&sort=distance",
                        status = 200,
                        every = 5)
            })
    @GetMapping
    @Operation(summary = "List to-dos (your own; an admin everyone's, or one user's with owner_id)")
    Page<TodoResponse> list(
            @Parameter(description = "Only this user's to-dos (an admin may name anyone)")
                    @RequestParam(name = "owner_id", required = false)
                    String ownerId,
            @Parameter(description = "pending, in_progress or completed")
                    @RequestParam(required = false)
                    String status,
            @Parameter(
                            description =
                                    "Only to-dos with a deadline strictly before this RFC 3339 time")
                    @RequestParam(name = "due_before", required = false)
                    String dueBefore,
            @Parameter(description = "Case-insensitive text in the title or description")
                    @RequestParam(required = false)
                    String q,
            @Parameter(
                            description =
                                    "created_at (default), deadline (to-dos without one come last), priority, or distance"
                                            + " (from near; to-dos without a place come last)")
                    @RequestParam(required = false)
                    String sort,
            @Parameter(description = "asc (default) or desc") @RequestParam(required = false)
                    String order,
            @Parameter(
                            description =
                                    "Measure distances from here: 'lat,lng' in degrees, or 'me' (your latest ping; 409 when"
                                            + " you have none). Each item then carries distance_m.")
                    @RequestParam(required = false)
                    String near,
            @Parameter(
                            description =
                                    "With near: only to-dos whose place is at most this many metres away (1 to 20,000,000)")
                    @RequestParam(name = "within_m", required = false)
                    Integer withinM,
            @Parameter(description = "1 to 200, default 50") @RequestParam(required = false)
                    Integer limit,
            @Parameter(description = "next_cursor of the previous page")
                    @RequestParam(required = false)
                    String cursor,
            Caller caller) {
        return todos.list(
                        new TodoService.ListParameters(
                                ownerId, status, dueBefore, q, sort, order, near, withinM, limit,
                                cursor),
                        caller)
                .map(ListedTodo::response);
    }

    @Endpoint(
            access = Endpoint.Access.SIGNED_IN,
            examples = @Endpoint.Example(query = "limit=20", status = 200, every = 5))
    @GetMapping("/{id}/visits")
    @Operation(
            summary = "Arrivals at the to-do's place and departures from it, newest first",
            description =
                    "Made from the owner's pings while the to-do is open: an arrival is the first ping whose distance "
                            + "minus its accuracy is within the radius; the departure is the first later ping whose distance "
                            + "minus its accuracy is beyond the radius plus max(25 m, 20 % of the radius). The to-do's owner "
                            + "or an admin.")
    Page<VisitResponse> visits(
            @PathVariable String id,
            @Parameter(description = "1 to 200, default 50") @RequestParam(required = false)
                    Integer limit,
            @Parameter(description = "next_cursor of the previous page")
                    @RequestParam(required = false)
                    String cursor,
            Caller caller) {
        return todos.visits(id, PageRequest.of(limit, cursor), caller).map(VisitResponse::of);
    }

    @Endpoint(
            access = Endpoint.Access.SIGNED_IN,
            examples = {
                @Endpoint.Example(status = 200),
                @Endpoint.Example(variables = "id=not-a-todo", status = 404)
            })
    @GetMapping("/{id}")
    @Operation(summary = "Get a to-do")
    ResponseEntity<TodoResponse> get(@PathVariable String id, Caller caller) {
        return respond(todos.get(id, caller));
    }

    @Endpoint(
            access = Endpoint.Access.SIGNED_IN,
            limit = Endpoint.Limit.PER_USER_WRITES,
            examples =
                    @Endpoint.Example(
                            body = "{\"title\":\"replaced\",\"status\":\"in_progress\"}",
                            status = 200))
    @PutMapping("/{id}")
    @Operation(summary = "Replace a to-do (fields left out take their defaults)")
    ResponseEntity<TodoResponse> replace(
            @PathVariable String id,
            @Valid @RequestBody TodoRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Caller caller) {
        return respond(todos.replace(id, request, caller, ETags.expectedVersion(ifMatch)));
    }

    @Endpoint(
            access = Endpoint.Access.SIGNED_IN,
            limit = Endpoint.Limit.PER_USER_WRITES,
            examples =
                    @Endpoint.Example(
                            contentType = "application/merge-patch+json",
                            body = "{\"status\":\"completed\",\"deadline\":null}",
                            status = 200))
    @PatchMapping(
            path = "/{id}",
            consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
    @Operation(
            summary = "Change some fields (JSON Merge Patch: null removes description or deadline)")
    ResponseEntity<TodoResponse> patch(
            @PathVariable String id,
            @RequestBody @Schema(implementation = TodoMergePatch.Members.class) JsonNode patch,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Caller caller) {
        return respond(todos.patch(id, patch, caller, ETags.expectedVersion(ifMatch)));
    }

    // No body either way: any Accept will do (a generated client asks for application/problem+json
    // only).
    @Endpoint(
            access = Endpoint.Access.SIGNED_IN,
            limit = Endpoint.Limit.PER_USER_WRITES,
            examples = @Endpoint.Example(status = 204))
    @DeleteMapping(path = "/{id}", produces = MediaType.ALL_VALUE)
    @Operation(summary = "Delete a to-do")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> delete(
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Caller caller) {
        todos.delete(id, caller, ETags.expectedVersion(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<TodoResponse> respond(Todo todo) {
        return ResponseEntity.status(HttpStatus.OK)
                .eTag(ETags.of(todo.version()))
                .body(TodoResponse.of(todo));
    }
}
