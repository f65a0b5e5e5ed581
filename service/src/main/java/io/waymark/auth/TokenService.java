package io.waymark.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.waymark.user.User;
import io.waymark.user.UserService;
import io.waymark.web.TooManyRequestsException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Checks credentials (with throttling) and issues ES256 access tokens. */
@Service
class TokenService {

    private final UserService users;
    private final SigningKeys keys;
    private final LoginThrottle throttle;
    private final TokenProperties properties;
    private final Clock clock;

    TokenService(UserService users, SigningKeys keys, LoginThrottle throttle, TokenProperties properties, Clock clock) {
        this.users = users;
        this.keys = keys;
        this.throttle = throttle;
        this.properties = properties;
        this.clock = clock;
    }

    /** The token for these credentials, or empty when they are wrong; 429 when this name or address is throttled. */
    Optional<AccessToken> issue(String userName, String password, String clientAddress) {
        throttle.check(userName, clientAddress).ifPresent(wait -> {
            throw new TooManyRequestsException("Too many failed sign-ins; try again later", wait);
        });
        Optional<User> user = users.authenticate(userName, password);
        if (user.isEmpty()) {
            throttle.failed(userName, clientAddress);
            return Optional.empty();
        }
        throttle.succeeded(userName);
        return Optional.of(sign(user.get()));
    }

    private AccessToken sign(User user) {
        Instant now = clock.instant();
        ECKey key = keys.signingKey();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user.id())
                .issuer(properties.issuer())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(properties.ttl())))
                .claim("name", user.userName())
                .claim("role", user.role().wireName())
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
        return new AccessToken(jwt.serialize(), "bearer", properties.ttl().toSeconds());
    }

    /** The OAuth2 token response (RFC 6749 §5.1). */
    record AccessToken(String accessToken, String tokenType, long expiresIn) {
    }
}
