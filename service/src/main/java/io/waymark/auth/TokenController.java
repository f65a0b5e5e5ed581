package io.waymark.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.shared.ApiException;
import io.waymark.shared.Caller;
import io.waymark.shared.InvalidRequestException;
import io.waymark.user.UserResponse;
import io.waymark.user.UserService;
import io.waymark.web.ClientAddresses;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The OAuth2 password grant (RFC 6749 §4.3), the caller's own user, and the public keys. */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "auth", description = "Sign-in and token verification keys")
class TokenController {

    private final TokenService tokens;
    private final UserService users;
    private final SigningKeys keys;
    private final ClientAddresses clients;

    TokenController(
            TokenService tokens, UserService users, SigningKeys keys, ClientAddresses clients) {
        this.tokens = tokens;
        this.clients = clients;
        this.users = users;
        this.keys = keys;
    }

    @PostMapping(
            path = "/api/v1/auth/token",
            consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(summary = "Sign in with a form body (grant_type=password&username=...&password=...)")
    ResponseEntity<TokenService.AccessToken> tokenFromForm(
            @RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(required = false) String username,
            @RequestParam(required = false) String password,
            HttpServletRequest request) {
        return issue(new TokenRequest(grantType, username, password, null, null), request);
    }

    @PostMapping(path = "/api/v1/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Sign in with a JSON body")
    ResponseEntity<TokenService.AccessToken> tokenFromJson(
            @RequestBody TokenRequest body, HttpServletRequest request) {
        return issue(body, request);
    }

    @GetMapping("/api/v1/auth/me")
    @Operation(summary = "The signed-in user")
    UserResponse me(Caller caller) {
        return UserResponse.of(users.get(caller.id(), caller));
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Public keys that verify access tokens (JWK Set)")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicKeys().toJSONObject());
    }

    private ResponseEntity<TokenService.AccessToken> issue(
            TokenRequest body, HttpServletRequest request) {
        body.validate();
        return tokens.issue(body.username(), body.password(), clients.of(request))
                .map(token -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(token))
                .orElseThrow(InvalidCredentialsException::new);
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
            super(
                    HttpStatus.UNAUTHORIZED,
                    "invalid-credentials",
                    "The user name or password is wrong");
        }
    }
}
