package io.waymark.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.waymark.contract.TokenClaims;
import io.waymark.shared.Caller;
import io.waymark.shared.StoreUnavailableException;
import io.waymark.user.AccountChanges;
import io.waymark.user.User;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Service;

/** Issues ES256 access tokens ({@link SignIn} decides to whom) and ends them on sign-out. */
@Service
class AccessTokens {

    private final SigningKeys keys;
    private final VerifiedTokens verified;
    private final AccountChanges accounts;
    private final TokenProperties properties;
    private final Clock clock;

    AccessTokens(
            SigningKeys keys,
            VerifiedTokens verified,
            AccountChanges accounts,
            TokenProperties properties,
            Clock clock) {
        this.keys = keys;
        this.verified = verified;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
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
        accounts.signOut(caller.id());
    }

    /** A token for this user, whose credentials {@link SignIn} has checked. */
    AccessToken issue(User user) {
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
