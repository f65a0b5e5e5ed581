package io.waymark.user;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.shared.Caller;
import io.waymark.shared.ETags;
import io.waymark.shared.Endpoint;
import io.waymark.shared.ProblemType;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import io.waymark.web.ClientAddresses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Optional;
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

@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "users", description = "Registration and user management (self or admin)")
class UserController {

    private static final String NAME_TAKEN = "That user name or id is taken";

    private final UserService users;
    private final Registration registration;
    private final AccountChanges accounts;
    private final ClientAddresses clients;

    UserController(
            UserService users,
            Registration registration,
            AccountChanges accounts,
            ClientAddresses clients) {
        this.users = users;
        this.registration = registration;
        this.accounts = accounts;
        this.clients = clients;
    }

    @Endpoint(
            access = Endpoint.Access.PUBLIC,
            limit = Endpoint.Limit.THROTTLED,
            answers = {
                @Endpoint.Answer(
                        type = ProblemType.FORBIDDEN,
                        when = "Only an admin may create an admin"),
                @Endpoint.Answer(type = ProblemType.CONFLICT, when = NAME_TAKEN)
            },
            examples =
                    @Endpoint.Example(
                            body =
                                    "{\"user_name\":\"trainee-{round}\",\"password\":\"{password}\"}",
                            status = 201,
                            every = 20))
    @PostMapping
    @Operation(summary = "Register a user (public); only an admin may create an admin")
    @ApiResponse(
            responseCode = "201",
            description = "Registered; Location names the user, ETag is its version",
            content = @Content(schema = @Schema(implementation = UserResponse.class)))
    ResponseEntity<UserResponse> register(
            @Valid @RequestBody UserRequests.Register request,
            Optional<Caller> caller,
            HttpServletRequest http) {
        User user = registration.register(request, caller, clients.of(http));
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id()))
                .eTag(ETags.of(user.version()))
                .body(UserResponse.of(user));
    }

    @Endpoint(
            access = Endpoint.Access.ADMIN,
            polled = true,
            examples = @Endpoint.Example(query = "limit=20", status = 200, every = 20))
    @GetMapping
    @Operation(summary = "List users (admin)")
    Page<UserResponse> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return users.list(PageRequest.of(limit, cursor)).map(UserResponse::of);
    }

    @Endpoint(
            access = Endpoint.Access.SIGNED_IN,
            examples = @Endpoint.Example(status = 200, every = 20))
    @GetMapping("/{id}")
    @Operation(summary = "Get a user (self or admin)")
    ResponseEntity<UserResponse> get(@PathVariable String id, Caller caller) {
        return respond(HttpStatus.OK, users.get(id, caller));
    }

    @Endpoint(
            access = Endpoint.Access.SIGNED_IN,
            limit = Endpoint.Limit.THROTTLED,
            answers = @Endpoint.Answer(type = ProblemType.CONFLICT, when = NAME_TAKEN),
            examples =
                    @Endpoint.Example(
                            body = "{\"user_name\":\"trainee-{round}\",\"role\":\"user\"}",
                            status = 200,
                            every = 20))
    @PutMapping("/{id}")
    @Operation(summary = "Replace a user, or create one under this id (admin)")
    @ApiResponse(
            responseCode = "200",
            description = "Replaced",
            content = @Content(schema = @Schema(implementation = UserResponse.class)))
    @ApiResponse(
            responseCode = "201",
            description = "Created under this id",
            content = @Content(schema = @Schema(implementation = UserResponse.class)))
    ResponseEntity<UserResponse> replace(
            @PathVariable String id,
            @Valid @RequestBody UserRequests.Replace request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Caller caller,
            HttpServletRequest http) {
        AccountChanges.Upserted result =
                accounts.replace(
                        id, request, caller, ETags.expectedVersion(ifMatch), clients.of(http));
        return respond(result.created() ? HttpStatus.CREATED : HttpStatus.OK, result.user());
    }

    @Endpoint(
            access = Endpoint.Access.SIGNED_IN,
            limit = Endpoint.Limit.THROTTLED,
            answers = @Endpoint.Answer(type = ProblemType.CONFLICT, when = NAME_TAKEN),
            examples =
                    @Endpoint.Example(
                            contentType = "application/merge-patch+json",
                            body = "{\"user_name\":\"renamed-{round}\"}",
                            status = 200,
                            every = 20))
    @PatchMapping(
            path = "/{id}",
            consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "Change some fields of a user (JSON Merge Patch)")
    ResponseEntity<UserResponse> patch(
            @PathVariable String id,
            @Valid @RequestBody UserRequests.Patch request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Caller caller,
            HttpServletRequest http) {
        return respond(
                HttpStatus.OK,
                accounts.patch(
                        id, request, caller, ETags.expectedVersion(ifMatch), clients.of(http)));
    }

    // No body either way: any Accept will do (a generated client asks for application/problem+json
    // only).
    @Endpoint(
            access = Endpoint.Access.SIGNED_IN,
            limit = Endpoint.Limit.THROTTLED,
            examples = @Endpoint.Example(status = 204, every = 20))
    @DeleteMapping(path = "/{id}", produces = MediaType.ALL_VALUE)
    @Operation(
            summary = "Delete a user with their to-dos and locations",
            description =
                    "Deleting your own account takes current_password in the body; an admin"
                            + " deleting another's sends none")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> delete(
            @PathVariable String id,
            @RequestBody(required = false) UserRequests.Delete body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Caller caller,
            HttpServletRequest http) {
        accounts.delete(
                id,
                caller,
                ETags.expectedVersion(ifMatch),
                body == null ? null : body.currentPassword(),
                clients.of(http));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<UserResponse> respond(HttpStatus status, User user) {
        return ResponseEntity.status(status)
                .eTag(ETags.of(user.version()))
                .body(UserResponse.of(user));
    }
}
