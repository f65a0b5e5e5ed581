package io.waymark.authorizer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.waymark.authorizer.Decision.Allow;
import io.waymark.authorizer.Decision.Deny;
import io.waymark.authorizer.Decision.Reason;
import io.waymark.authorizer.Decision.Undecided;
import io.waymark.authorizer.JwksCache.Lookup;
import io.waymark.contract.TokenClaims;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Verifies a Waymark access token locally: ES256 signature against the JWKS, then {@code exp},
 * {@code iss}, {@code aud}.
 */
final class TokenVerifier {

    // Tolerates clocks of the service and Lambda hosts drifting apart a little.
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    // Waymark tokens are a few hundred bytes; refusing huge headers keeps the parsing cost bounded.
    private static final int MAX_HEADER_LENGTH = 8192;
    private static final String BEARER = "Bearer ";

    private final JwksCache keys;
    private final String issuer;
    private final Clock clock;

    TokenVerifier(JwksCache keys, String issuer, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.clock = clock;
    }

    static TokenVerifier fromEnvironment(Map<String, String> env) {
        AuthorizerConfig config = AuthorizerConfig.fromEnvironment(env);
        // The system clock is read on every call, so a SnapStart restore never sees a time frozen
        // at snapshot.
        Clock clock = Clock.systemUTC();
        return new TokenVerifier(
                new JwksCache(JwksFetcher.https(config.jwksUrl()), clock), config.issuer(), clock);
    }

    /**
     * Checks the value of an {@code Authorization} header; never throws for a bad token, and
     * answers {@link Undecided} rather than a denial when the keys to check it are out of reach.
     */
    Decision verify(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new Deny(Reason.MISSING_TOKEN);
        }
        if (authorization.length() > MAX_HEADER_LENGTH
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return new Deny(Reason.MALFORMED);
        }
        SignedJWT jwt;
        try {
            // alg "none" parses as a PlainJWT and an encrypted token as an EncryptedJWT: neither is
            // signed.
            if (!(JWTParser.parse(authorization.substring(BEARER.length()).strip())
                    instanceof SignedJWT signed)) {
                return new Deny(Reason.UNSIGNED);
            }
            jwt = signed;
        } catch (ParseException e) {
            return new Deny(Reason.MALFORMED);
        }
        // Pinning the algorithm defeats algorithm confusion, e.g. HS256 keyed with the public key.
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
            return new Deny(Reason.WRONG_ALGORITHM);
        }
        String kid = jwt.getHeader().getKeyID();
        if (kid == null || kid.isBlank()) {
            return new Deny(Reason.UNKNOWN_KEY);
        }
        ECKey key;
        try {
            switch (keys.find(kid, signedBefore(jwt.getJWTClaimsSet()))) {
                case Lookup.Found(ECKey found) -> key = found;
                case Lookup.Absent() -> {
                    return new Deny(Reason.UNKNOWN_KEY);
                }
                case Lookup.NotFetchedYet() -> {
                    return new Undecided(Reason.KEY_NOT_FETCHED_YET);
                }
                case Lookup.Unavailable() -> {
                    return new Undecided(Reason.KEYS_UNAVAILABLE);
                }
            }
            if (!jwt.verify(new ECDSAVerifier(key))) {
                return new Deny(Reason.BAD_SIGNATURE);
            }
            return checkClaims(jwt.getJWTClaimsSet());
        } catch (JOSEException e) {
            return new Deny(Reason.BAD_SIGNATURE);
        } catch (ParseException e) {
            return new Deny(Reason.MALFORMED);
        }
    }

    /**
     * When the token was surely signed by, on this host's clock. Unverified yet, so only good for
     * telling a key not fetched yet from a key never published; a forger claiming a later time gets
     * an error instead of a denial, and no more fetches.
     */
    private static Instant signedBefore(JWTClaimsSet claims) {
        Date issuedAt = claims.getIssueTime();
        // iat has whole seconds, and the service's clock may run behind this one.
        return issuedAt == null ? null : issuedAt.toInstant().plus(CLOCK_SKEW);
    }

    private Decision checkClaims(JWTClaimsSet claims) throws ParseException {
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null || !now.minus(CLOCK_SKEW).isBefore(expires.toInstant())) {
            return new Deny(Reason.EXPIRED);
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(CLOCK_SKEW).isBefore(notBefore.toInstant())) {
            return new Deny(Reason.NOT_YET_VALID);
        }
        if (!issuer.equals(claims.getIssuer())) {
            return new Deny(Reason.WRONG_ISSUER);
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(TokenClaims.AUDIENCE)) {
            return new Deny(Reason.WRONG_AUDIENCE);
        }
        String subject = claims.getSubject();
        String role = claims.getStringClaim(TokenClaims.ROLE);
        if (subject == null || subject.isBlank() || role == null || role.isBlank()) {
            return new Deny(Reason.MISSING_CLAIMS);
        }
        return new Allow(subject, role, claims.getStringClaim(TokenClaims.NAME));
    }
}
