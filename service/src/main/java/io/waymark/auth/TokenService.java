package io.waymark.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.waymark.contract.TokenClaims;
import io.waymark.user.User;
import io.waymark.user.UserService;
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
    private final TokenProperties properties;
    private final Clock clock;

    TokenService(UserService users, SigningKeys keys, TokenProperties properties, Clock clock) {
        this.users = users;
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    /** The token for these credentials, or empty when they are wrong; 429 when this client must wait. */
    Optional<AccessToken> issue(String userName, String password, String client) {
        return users.authenticate(userName, password, client).map(this::sign);
    }

    private AccessToken sign(User user) {
        Instant now = clock.instant();
        ECKey key = keys.signingKey();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user.id())
                .issuer(properties.issuer())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(properties.ttl())))
                .claim(TokenClaims.NAME, user.userName())
                .claim(TokenClaims.ROLE, user.role().wireName())
                .claim(TokenClaims.VERSION, user.tokenVersion())
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
