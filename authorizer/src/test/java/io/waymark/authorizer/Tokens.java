package io.waymark.authorizer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.waymark.contract.TokenClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Real ES256 keys and tokens shaped like the service's: kid header, sub, name, role, iat, exp, iss,
 * aud.
 */
final class Tokens {

    static final String ISSUER = "waymark";
    static final Duration TTL = Duration.ofMinutes(20);

    private Tokens() {}

    static ECKey newKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static JWTClaimsSet.Builder claims(Instant issuedAt) {
        return new JWTClaimsSet.Builder()
                .subject(UUID.randomUUID().toString())
                .claim("name", "alice")
                .claim("role", "user")
                .issuer(ISSUER)
                .audience(TokenClaims.AUDIENCE)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(TTL)));
    }

    static String sign(ECKey key, JWTClaimsSet claims) {
        return sign(key, key.getKeyID(), claims);
    }

    /**
     * Signs with {@code key} but names {@code kid} in the header, as a forger reusing a published
     * kid would.
     */
    static String sign(ECKey key, String kid, JWTClaimsSet claims) {
        try {
            SignedJWT jwt =
                    new SignedJWT(
                            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static String bearer(ECKey key, Instant issuedAt, UnaryOperator<JWTClaimsSet.Builder> change) {
        return bearer(sign(key, change.apply(claims(issuedAt)).build()));
    }
}
