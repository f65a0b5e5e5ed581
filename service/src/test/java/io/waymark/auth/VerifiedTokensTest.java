package io.waymark.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import io.waymark.contract.TokenClaims;
import io.waymark.shared.Caller;
import io.waymark.shared.Role;
import io.waymark.testing.MutableClock;
import io.waymark.testing.Signatures;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * The cache of verified tokens, with real ES256 keys and the service's own decoder: a token is
 * verified once, and a cached token is still refused when tampered with, expired or revoked; the
 * cache stays within its bound.
 */
class VerifiedTokensTest {

    private static final Duration TTL = Duration.ofMinutes(20);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T10:00:00Z"));
    private final ECKey key = newKey();
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final AtomicInteger verifications = new AtomicInteger();
    private final VerifiedTokens tokens =
            new VerifiedTokens(
                    countingDecoder(), id -> Optional.ofNullable(versions.get(id)), clock);

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromTheCache() {
        String token = token("alice", 0);

        Caller first = tokens.callerOf(token);
        Caller second = tokens.callerOf(token);

        assertThat(second)
                .isEqualTo(first)
                .isEqualTo(new Caller("alice", "name-of-alice", Role.USER));
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aTokenWithOneChangedByteIsVerifiedAndRefusedEvenWhenTheOriginalIsCached() {
        String token = token("alice", 0);
        tokens.callerOf(token);
        int last = token.length() - 5;
        String tampered =
                token.substring(0, last)
                        + (token.charAt(last) == 'A' ? 'B' : 'A')
                        + token.substring(last + 1);

        assertThatThrownBy(() -> tokens.callerOf(tampered))
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aCachedTokenIsRefusedOnceItExpires() {
        String token = token("alice", 0);
        tokens.callerOf(token);

        clock.advance(TTL.minusSeconds(1));
        assertThat(tokens.callerOf(token).id()).isEqualTo("alice");
        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> tokens.callerOf(token))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void aRevokedUsersCachedTokenIsRefusedAtOnceAndANewOneIsAccepted() {
        String old = token("alice", 0);
        tokens.callerOf(old);

        versions.put("alice", 1L);
        tokens.revoke("alice");

        assertThatThrownBy(() -> tokens.callerOf(old))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("revoked");
        assertThat(tokens.callerOf(token("alice", 1)).id()).isEqualTo("alice");
    }

    @Test
    void aChangeMadeElsewhereIsSeenWithinTheVersionCheck() {
        String old = token("alice", 0);
        tokens.callerOf(old);

        versions.put("alice", 1L); // raised by another instance: nobody told this one
        assertThat(tokens.callerOf(old).id()).as("still remembered as current").isEqualTo("alice");
        clock.advance(VerifiedTokens.VERSION_CHECK);

        assertThatThrownBy(() -> tokens.callerOf(old))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void aNewerTokenThanTheRememberedVersionIsCheckedAgainstTheStore() {
        tokens.callerOf(token("alice", 0));
        versions.put("alice", 1L);

        assertThat(tokens.callerOf(token("alice", 1)).id()).isEqualTo("alice");
    }

    @Test
    void aDeletedUsersTokenIsRefused() {
        String token = token("alice", 0);
        tokens.callerOf(token);

        versions.remove("alice");
        tokens.revoke("alice");

        assertThatThrownBy(() -> tokens.callerOf(token))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("no longer exists");
    }

    @Test
    void aRefusedTokenLeavesNothingInTheCacheAndAnotherSpellingCostsNoVerification() {
        String valid = token("alice", 0);
        String highS = Signatures.highS(valid);
        String padded = valid + "==";
        String noSubject = sign(claims("alice", 0).subject(null).build());

        for (String refused : new String[] {highS, padded, noSubject}) {
            assertThatThrownBy(() -> tokens.callerOf(refused))
                    .isInstanceOf(InvalidBearerTokenException.class);
        }

        assertThat(tokens.size()).isZero();
        assertThat(verifications)
                .as("only the token without sub was worth a signature check")
                .hasValue(1);
        assertThat(tokens.callerOf(valid).id()).isEqualTo("alice");
    }

    @Test
    void theCacheHoldsAtMostItsBound() {
        for (int i = 0; i < VerifiedTokens.MAX_TOKENS + 500; i++) {
            tokens.callerOf(token("user-" + i, 0));
        }

        assertThat(tokens.size()).isLessThanOrEqualTo(VerifiedTokens.MAX_TOKENS);
    }

    private String token(String userId, long version) {
        versions.putIfAbsent(userId, version);
        return sign(claims(userId, version).build());
    }

    private JWTClaimsSet.Builder claims(String userId, long version) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .subject(userId)
                .issuer("waymark")
                .audience(TokenClaims.AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TTL)))
                .claim("name", "name-of-" + userId)
                .claim("role", "user")
                .claim("ver", version);
    }

    private String sign(JWTClaimsSet claims) {
        try {
            return CanonicalSignature.sign(
                    new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                    claims,
                    key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The service's decoder (ES256, exp required, no skew, issuer) over this test's key, counting
     * its calls.
     */
    private JwtDecoder countingDecoder() {
        JwtDecoder real =
                new SecurityConfiguration()
                        .jwtDecoder(
                                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())),
                                new TokenProperties(TTL, "waymark", Duration.ofDays(30)),
                                clock);
        return token -> {
            verifications.incrementAndGet();
            Jwt jwt = real.decode(token);
            return jwt;
        };
    }

    private static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("test-key").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
