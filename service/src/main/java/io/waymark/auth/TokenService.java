package io.waymark.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.contract.TokenClaims;
import io.waymark.shared.Caller;
import io.waymark.shared.StoreUnavailableException;
import io.waymark.shared.TooManyRequestsException;
import io.waymark.user.User;
import io.waymark.user.UserService;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Service;

/** Checks credentials (with throttling), issues ES256 access tokens and ends them on sign-out. */
@Service
class TokenService {

    private final UserService users;
    private final SigningKeys keys;
    private final VerifiedTokens verified;
    private final TokenProperties properties;
    private final Clock clock;

    /**
     * {@code waymark_sign_in_attempts_total{outcome}}: password sign-ins that succeeded, failed, or
     * were throttled.
     */
    private final Counter succeeded;

    private final Counter failed;
    private final Counter throttled;

    TokenService(
            UserService users,
            SigningKeys keys,
            VerifiedTokens verified,
            TokenProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.users = users;
        this.keys = keys;
        this.verified = verified;
        this.properties = properties;
        this.clock = clock;
        this.succeeded = attempts(meters, "success");
        this.failed = attempts(meters, "failure");
        this.throttled = attempts(meters, "throttled");
    }

    /**
     * The token for these credentials, or empty when they are wrong; 429 when this client must
     * wait.
     */
    Optional<AccessToken> issue(String userName, String password, String client) {
        Optional<User> user;
        try {
            user = users.authenticate(userName, password, client);
        } catch (TooManyRequestsException e) {
            throttled.increment();
            throw e;
        }
        (user.isPresent() ? succeeded : failed).increment();
        return user.map(this::sign);
    }

    /**
     * Sign-out (RFC 7009): a valid, current token ends with every other token of its user, by
     * raising the user's token version, the revocation every instance already checks (at once here,
     * within {@link VerifiedTokens#VERSION_CHECK} elsewhere). Anything else is ignored, so the
     * answer tells nothing about a token, and a token that has already ended cannot be replayed to
     * sign its user out of later sessions.
     */
    void revoke(String token) {
        Caller caller;
        try {
            caller = verified.callerOf(token);
        } catch (StoreUnavailableAuthenticationException e) {
            throw new StoreUnavailableException();
        } catch (AuthenticationException e) {
            return;
        }
        users.signOut(caller.id());
    }

    private static Counter attempts(MeterRegistry meters, String outcome) {
        return Counter.builder("waymark.sign.in.attempts")
                .tag("outcome", outcome)
                .description("Password sign-ins at POST /api/v1/auth/token by outcome")
                .register(meters);
    }

    private AccessToken sign(User user) {
        Instant now = clock.instant();
        ECKey key = keys.signingKey();
        JWTClaimsSet claims =
                new JWTClaimsSet.Builder()
                        .subject(user.id())
                        .issuer(properties.issuer())
                        .audience(TokenClaims.AUDIENCE)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(properties.ttl())))
                        .claim(TokenClaims.NAME, user.userName())
                        .claim(TokenClaims.ROLE, user.role().wireName())
                        .claim(TokenClaims.VERSION, user.tokenVersion())
                        .build();
        JWSHeader header =
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build();
        try {
            return new AccessToken(
                    CanonicalSignature.sign(header, claims, key),
                    "bearer",
                    properties.ttl().toSeconds());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
    }

    /** The OAuth2 token response (RFC 6749 §5.1). */
    record AccessToken(String accessToken, String tokenType, long expiresIn) {}
}
