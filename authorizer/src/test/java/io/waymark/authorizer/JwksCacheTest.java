package io.waymark.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.waymark.authorizer.JwksCache.KeysUnavailableException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JwksCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
    private final ECKey key = Tokens.newKey("key-1");
    private final JwksServer jwks = new JwksServer().publish(key);
    private final JwksCache cache = new JwksCache(JwksFetcher.allowingPlainHttp(jwks.url()), clock);

    @AfterEach
    void stop() {
        jwks.close();
    }

    @Test
    void keysAreFetchedOnceAndServedFromMemory() throws KeysUnavailableException {
        for (int i = 0; i < 3; i++) {
            assertThat(cache.find("key-1"))
                    .hasValueSatisfying(
                            found -> assertThat(found.toPublicJWK()).isEqualTo(key.toPublicJWK()));
        }

        assertThat(jwks.requests()).isEqualTo(1);
    }

    @Test
    void unknownKidRefreshesOnceTheIntervalHasPassed() throws KeysUnavailableException {
        cache.find("key-1");
        jwks.publish(key, Tokens.newKey("key-2"));
        clock.advance(JwksCache.MIN_REFRESH_INTERVAL);

        assertThat(cache.find("key-2")).isPresent();
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void madeUpKidsRefreshAtMostOncePerInterval() throws KeysUnavailableException {
        cache.find("key-1");
        clock.advance(JwksCache.MIN_REFRESH_INTERVAL);

        for (int i = 0; i < 5; i++) {
            assertThat(cache.find("made-up-" + i)).isEmpty();
        }
        assertThat(jwks.requests()).isEqualTo(2);

        clock.advance(JwksCache.MIN_REFRESH_INTERVAL.minusSeconds(1));
        assertThat(cache.find("made-up-again")).isEmpty();
        assertThat(jwks.requests()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.find("made-up-again")).isEmpty();
        assertThat(jwks.requests()).isEqualTo(3);
    }

    @Test
    void keysRemovedFromTheJwksStopBeingTrustedAfterTheMaxAge() throws KeysUnavailableException {
        cache.find("key-1");
        jwks.publish(Tokens.newKey("key-2"));
        clock.advance(JwksCache.MAX_AGE);

        assertThat(cache.find("key-1")).isEmpty();
    }

    @Test
    void unreachableJwksIsReportedAndRetriedOnlyAfterTheInterval() throws KeysUnavailableException {
        jwks.answer(503, "{\"title\":\"starting\"}");
        assertThatThrownBy(() -> cache.find("key-1")).isInstanceOf(KeysUnavailableException.class);

        jwks.publish(key);
        assertThatThrownBy(() -> cache.find("key-1")).isInstanceOf(KeysUnavailableException.class);
        assertThat(jwks.requests()).isEqualTo(1);

        clock.advance(JwksCache.MIN_REFRESH_INTERVAL);
        assertThat(cache.find("key-1")).isPresent();
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void cachedKeysKeepWorkingWhenARefreshFails() throws KeysUnavailableException {
        cache.find("key-1");
        jwks.answer(500, "oops");
        clock.advance(JwksCache.MAX_AGE);

        assertThat(cache.find("key-1")).isPresent();
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void onlyEs256SigningKeysOnP256AreSelected() throws JOSEException, KeysUnavailableException {
        ECKey encryption =
                new ECKeyGenerator(Curve.P_256).keyID("enc").keyUse(KeyUse.ENCRYPTION).generate();
        ECKey otherCurve =
                new ECKeyGenerator(Curve.P_384)
                        .keyID("p384")
                        .algorithm(JWSAlgorithm.ES384)
                        .generate();
        ECKey bare = new ECKeyGenerator(Curve.P_256).keyID("bare").generate();
        jwks.publish(key, encryption, otherCurve, bare);

        assertThat(cache.find("enc")).isEmpty();
        assertThat(cache.find("p384")).isEmpty();
        assertThat(cache.find("bare"))
                .as("a key without use or alg is still a standard signing key")
                .isPresent();
    }
}
