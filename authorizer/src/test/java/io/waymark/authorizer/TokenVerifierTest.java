package io.waymark.authorizer;

import static io.waymark.authorizer.Tokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.waymark.authorizer.Decision.Allow;
import io.waymark.authorizer.Decision.Deny;
import io.waymark.authorizer.Decision.Reason;
import io.waymark.authorizer.Decision.Undecided;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenVerifierTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
    private final ECKey key = Tokens.newKey("key-1");
    private JwksServer jwks;
    private TokenVerifier verifier;

    @BeforeEach
    void start() {
        jwks = new JwksServer().publish(key);
        JwksCache cache = new JwksCache(JwksFetcher.allowingPlainHttp(jwks.url()), clock);
        verifier = new TokenVerifier(cache, Tokens.ISSUER, clock);
    }

    @AfterEach
    void stop() {
        jwks.close();
    }

    private String validToken() {
        return bearer(
                key,
                clock.instant(),
                claims -> claims.subject("0193a1b2-0000-7000-8000-000000000001"));
    }

    private Reason denial(String authorization) {
        Decision decision = verifier.verify(authorization);
        assertThat(decision).isInstanceOf(Deny.class);
        return ((Deny) decision).reason();
    }

    @Test
    void validTokenIsAllowedWithSubjectRoleAndName() {
        Decision decision = verifier.verify(validToken());

        assertThat(decision)
                .isEqualTo(new Allow("0193a1b2-0000-7000-8000-000000000001", "user", "alice"));
        assertThat(((Allow) decision).context())
                .containsOnlyKeys("sub", "role", "name")
                .containsEntry("role", "user");
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        assertThat(verifier.verify("bearer " + validToken().substring("Bearer ".length())))
                .isInstanceOf(Allow.class);
    }

    @Test
    void expiredTokenIsDenied() {
        String token = validToken();
        clock.advance(Tokens.TTL.plus(TokenVerifier.CLOCK_SKEW).plusSeconds(1));

        assertThat(denial(token)).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void tokenExpiredWithinTheClockSkewIsStillAllowed() {
        String token = validToken();
        clock.advance(Tokens.TTL.plus(TokenVerifier.CLOCK_SKEW).minusSeconds(1));

        assertThat(verifier.verify(token)).isInstanceOf(Allow.class);
    }

    @Test
    void tokenWithoutExpiryIsDenied() {
        assertThat(denial(bearer(key, clock.instant(), claims -> claims.expirationTime(null))))
                .isEqualTo(Reason.EXPIRED);
    }

    @Test
    void tokenNotYetValidIsDenied() {
        Instant later = clock.instant().plus(Duration.ofMinutes(5));
        assertThat(
                        denial(
                                bearer(
                                        key,
                                        clock.instant(),
                                        claims -> claims.notBeforeTime(Date.from(later)))))
                .isEqualTo(Reason.NOT_YET_VALID);
    }

    @Test
    void tokenSignedByAnotherKeyUnderThePublishedKidIsDenied() {
        ECKey forger = Tokens.newKey("key-1");
        String token = Tokens.sign(forger, Tokens.claims(clock.instant()).build());

        assertThat(denial(bearer(token))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void tokenSignedByAnUnpublishedKeyIsDenied() {
        String token = Tokens.sign(Tokens.newKey("key-x"), Tokens.claims(clock.instant()).build());

        assertThat(denial(bearer(token))).isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void unsignedTokenWithAlgNoneIsDenied() {
        String token = new PlainJWT(Tokens.claims(clock.instant()).build()).serialize();

        assertThat(token).endsWith(".");
        assertThat(denial(bearer(token))).isEqualTo(Reason.UNSIGNED);
    }

    @Test
    void hs256TokenIsDeniedEvenUnderThePublishedKid() throws JOSEException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        SignedJWT jwt =
                new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(),
                        Tokens.claims(clock.instant()).build());
        jwt.sign(new MACSigner(secret));

        assertThat(denial(bearer(jwt.serialize()))).isEqualTo(Reason.WRONG_ALGORITHM);
    }

    @Test
    void tokenWithoutKidIsDeniedWithoutFetchingTheJwks() {
        String token = Tokens.sign(key, null, Tokens.claims(clock.instant()).build());

        assertThat(denial(bearer(token))).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(jwks.requests()).isZero();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void missingHeaderIsDenied(String authorization) {
        assertThat(denial(authorization)).isEqualTo(Reason.MISSING_TOKEN);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Bearer not-a-jwt",
                "Bearer a.b.c",
                "Bearer ",
                "Basic YWxpY2U6c2VjcmV0",
                "eyJhbGciOiJFUzI1NiJ9"
            })
    void garbageIsDenied(String authorization) {
        assertThat(denial(authorization)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void oversizedHeaderIsDeniedBeforeParsing() {
        String padded = validToken() + " ".repeat(9000);

        assertThat(denial(padded)).isEqualTo(Reason.MALFORMED);
        assertThat(jwks.requests()).isZero();
    }

    @Test
    void tokenFromAnotherIssuerIsDenied() {
        assertThat(denial(bearer(key, clock.instant(), claims -> claims.issuer("someone-else"))))
                .isEqualTo(Reason.WRONG_ISSUER);
    }

    @Test
    void tokenForAnotherAudienceOrNoneIsDenied() {
        assertThat(denial(bearer(key, clock.instant(), claims -> claims.audience("someone-else"))))
                .isEqualTo(Reason.WRONG_AUDIENCE);
        assertThat(denial(bearer(key, clock.instant(), claims -> claims.audience((String) null))))
                .isEqualTo(Reason.WRONG_AUDIENCE);
    }

    @Test
    void tokenWithoutRoleIsDenied() {
        assertThat(denial(bearer(key, clock.instant(), claims -> claims.claim("role", null))))
                .isEqualTo(Reason.MISSING_CLAIMS);
    }

    @Test
    void tamperedClaimsAreDenied() {
        String[] parts = validToken().split("\\.");
        String admin =
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                Tokens.claims(clock.instant())
                                        .claim("role", "admin")
                                        .build()
                                        .toString()
                                        .getBytes());

        assertThat(denial(parts[0] + "." + admin + "." + parts[2])).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void unknownKidTriggersAJwksRefresh() {
        assertThat(verifier.verify(validToken())).isInstanceOf(Allow.class);
        ECKey rotated = Tokens.newKey("key-2");
        jwks.publish(key, rotated);
        clock.advance(JwksCache.MIN_REFRESH_INTERVAL);

        assertThat(verifier.verify(bearer(rotated, clock.instant(), claims -> claims)))
                .isInstanceOf(Allow.class);
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void unreachableJwksLeavesTheTokenUndecidedWithoutThrowing() {
        jwks.answer(503, "{\"title\":\"starting\"}");

        assertThat(verifier.verify(validToken())).isEqualTo(new Undecided(Reason.KEYS_UNAVAILABLE));
    }

    @Test
    void kidNewerThanTheFetchedKeysIsUndecidedUntilTheyMayBeFetchedAgain() {
        assertThat(verifier.verify(validToken())).isInstanceOf(Allow.class);
        ECKey rotated = Tokens.newKey("key-2");
        jwks.publish(key, rotated);
        clock.advance(Duration.ofSeconds(1));

        assertThat(verifier.verify(bearer(rotated, clock.instant(), claims -> claims)))
                .isEqualTo(new Undecided(Reason.KEY_NOT_FETCHED_YET));
    }

    @Test
    void kidMissingFromKeysFetchedAfterTheTokenWasSignedIsDeniedWithoutAFetch() {
        Instant forgedAt = clock.instant().minus(Duration.ofMinutes(1));
        assertThat(verifier.verify(validToken())).isInstanceOf(Allow.class);

        assertThat(denial(bearer(Tokens.newKey("key-x"), forgedAt, claims -> claims)))
                .isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(jwks.requests()).isEqualTo(1);
    }
}
