package io.waymark.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.shared.ApiException;
import io.waymark.shared.Caller;
import io.waymark.shared.Endpoint;
import io.waymark.shared.InvalidRequestException;
import io.waymark.shared.ProblemType;
import io.waymark.user.UserResponse;
import io.waymark.user.UserService;
import io.waymark.web.ClientAddresses;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OAuth2 password grant (RFC 6749 §4.3), sign-out by token revocation (RFC 7009), the caller's
 * own user, and the public keys.
 */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "auth", description = "Sign-in, sign-out and token verification keys")
class TokenController {

    private static final String WRONG_CREDENTIALS = "Wrong user name or password";

    private final SignIn signIn;
    private final AccessTokens tokens;
    private final UserService users;
    private final SigningKeys keys;
    private final ClientAddresses clients;

    TokenController(
            SignIn signIn,
            AccessTokens tokens,
            UserService users,
            SigningKeys keys,
            ClientAddresses clients) {
        this.signIn = signIn;
        this.tokens = tokens;
        this.clients = clients;
        this.users = users;
        this.keys = keys;
    }

    @Endpoint(
            access = Endpoint.Access.PUBLIC,
            limit = Endpoint.Limit.THROTTLED,
            answers =
                    @Endpoint.Answer(
                            type = ProblemType.INVALID_CREDENTIALS,
                            when = WRONG_CREDENTIALS),
            examples =
                    @Endpoint.Example(
                            contentType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                            body = "grant_type=password&username={user}&password={password}",
                            status = 200,
                            every = 20))
    @PostMapping(
            path = "/api/v1/auth/token",
            consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(summary = "Sign in with a form body (grant_type=password&username=...&password=...)")
    ResponseEntity<AccessTokens.AccessToken> tokenFromForm(
            @RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(required = false) String username,
            @RequestParam(required = false) String password,
            HttpServletRequest request) {
        return issue(new TokenRequest(grantType, username, password, null, null), request);
    }

    @Endpoint(
            access = Endpoint.Access.PUBLIC,
            limit = Endpoint.Limit.THROTTLED,
            answers =
                    @Endpoint.Answer(
                            type = ProblemType.INVALID_CREDENTIALS,
                            when = WRONG_CREDENTIALS),
            examples =
                    @Endpoint.Example(
                            body =
                                    "{\"grant_type\":\"password\",\"username\":\"{user}\",\"password\":\"{password}\"}",
                            status = 200,
                            every = 20))
    @PostMapping(path = "/api/v1/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Sign in with a JSON body")
    ResponseEntity<AccessTokens.AccessToken> tokenFromJson(
            @RequestBody TokenRequest body, HttpServletRequest request) {
        return issue(body, request);
    }

    /**
     * Public: holding the token is what proves the right to end it, and a client whose token has
     * already ended must still be able to sign out without an error.
     */
    @Endpoint(
            access = Endpoint.Access.PUBLIC,
            examples =
                    @Endpoint.Example(
                            contentType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                            body = "token=not-a-token",
                            status = 200,
                            every = 20))
    @PostMapping(
            path = "/api/v1/auth/revoke",
            consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.ALL_VALUE)
    @Operation(
            summary = "Sign out: end this token and every other token of its user (RFC 7009)",
            description =
                    "Answers 200 for any token, even an unknown, invalid, expired or already"
                            + " revoked one; the token goes in the form body, never the URL")
    @ApiResponse(responseCode = "200", description = "The token is no longer valid (if it was)")
    ResponseEntity<Void> revoke(
            @RequestParam(required = false) String token,
            @RequestParam(name = "token_type_hint", required = false) String tokenTypeHint,
            HttpServletRequest request) {
        refuseInTheQuery(request, "token");
        if (token == null || token.isEmpty()) {
            throw InvalidRequestException.field("token", "is required");
        }
        tokens.revoke(token);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).build();
    }

    @Endpoint(access = Endpoint.Access.SIGNED_IN, examples = @Endpoint.Example(status = 200))
    @GetMapping("/api/v1/auth/me")
    @Operation(summary = "The signed-in user")
    UserResponse me(Caller caller) {
        return UserResponse.of(users.get(caller.id(), caller));
    }

    @Endpoint(
            access = Endpoint.Access.PUBLIC,
            examples = @Endpoint.Example(status = 200, every = 20))
    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Public keys that verify access tokens (JWK Set)")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicKeys().toJSONObject());
    }

    private ResponseEntity<AccessTokens.AccessToken> issue(
            TokenRequest body, HttpServletRequest request) {
        refuseInTheQuery(request, "password", "username", "grant_type");
        body.validate();
        return signIn.signIn(body.username(), body.password(), clients.of(request))
                .map(token -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(token))
                .orElseThrow(InvalidCredentialsException::new);
    }

    /**
     * Credentials and tokens go in the body: URLs end up in the logs of every proxy and load
     * balancer on the way (RFC 6749 §3.2 and RFC 7009 §2.1 ask for the body too). Spring's request
     * parameters merge query and form, so the query string is read on its own.
     */
    private static void refuseInTheQuery(HttpServletRequest request, String... names) {
        String query = request.getQueryString();
        if (query == null || query.isEmpty()) {
            return;
        }
        Set<String> present = new HashSet<>();
        for (String pair : query.split("&")) {
            String name =
                    pair.substring(0, pair.indexOf('=') < 0 ? pair.length() : pair.indexOf('='));
            present.add(URLDecoder.decode(name, StandardCharsets.UTF_8));
        }
        List<ApiException.FieldError> errors =
                Arrays.stream(names)
                        .filter(present::contains)
                        .map(
                                name ->
                                        new ApiException.FieldError(
                                                name, "must be in the request body, not the URL"))
                        .toList();
        if (!errors.isEmpty()) {
            throw InvalidRequestException.of(errors);
        }
    }

    /**
     * The token request; {@code scope} and {@code client_id} are accepted, as OAuth2 clients send
     * them, and unused.
     */
    record TokenRequest(
            String grantType, String username, String password, String scope, String clientId) {

        void validate() {
            List<ApiException.FieldError> errors = new ArrayList<>();
            if (!"password".equals(grantType)) {
                errors.add(new ApiException.FieldError("grant_type", "must be 'password'"));
            }
            if (username == null || username.isBlank()) {
                errors.add(new ApiException.FieldError("username", "is required"));
            }
            if (password == null || password.isEmpty()) {
                errors.add(new ApiException.FieldError("password", "is required"));
            }
            if (!errors.isEmpty()) {
                throw new InvalidRequestException("The token request is incomplete", errors);
            }
        }
    }

    /** The same answer for an unknown user and a wrong password, so neither can be told apart. */
    static class InvalidCredentialsException extends ApiException {
        InvalidCredentialsException() {
            super(ProblemType.INVALID_CREDENTIALS, "The user name or password is wrong");
        }
    }
}
