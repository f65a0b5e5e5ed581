package io.waymark.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.waymark.authorizer.JwksCache.Lookup;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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

    /** Looks a kid up for a token whose signing time is not known. */
    private Lookup find(String kid) {
        return cache.find(kid, null);
    }

    private Optional<ECKey> key(String kid) {
        return find(kid) instanceof Lookup.Found(ECKey found)
                ? Optional.of(found)
                : Optional.empty();
    }

    @Test
    void keysAreFetchedOnceAndServedFromMemory() {
        for (int i = 0; i < 3; i++) {
            assertThat(key("key-1"))
                    .hasValueSatisfying(
                            found -> assertThat(found.toPublicJWK()).isEqualTo(key.toPublicJWK()));
        }

        assertThat(jwks.requests()).isEqualTo(1);
    }

    @Test
    void unknownKidRefreshesOnceTheIntervalHasPassed() {
        find("key-1");
        jwks.publish(key, Tokens.newKey("key-2"));
        clock.advance(JwksCache.MIN_REFRESH_INTERVAL);

        assertThat(key("key-2")).isPresent();
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void kidMissingFromAFreshFetchIsAbsent() {
        find("key-1");
        clock.advance(JwksCache.MIN_REFRESH_INTERVAL);

        assertThat(find("made-up")).isEqualTo(new Lookup.Absent());
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void madeUpKidsRefreshAtMostOncePerInterval() {
        find("key-1");
        clock.advance(JwksCache.MIN_REFRESH_INTERVAL);

        for (int i = 0; i < 5; i++) {
            assertThat(key("made-up-" + i)).isEmpty();
        }
        assertThat(jwks.requests()).isEqualTo(2);

        clock.advance(JwksCache.MIN_REFRESH_INTERVAL.minusSeconds(1));
        assertThat(key("made-up-again")).isEmpty();
        assertThat(jwks.requests()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));
        assertThat(key("made-up-again")).isEmpty();
        assertThat(jwks.requests()).isEqualTo(3);
    }

    @Test
    void kidMissingFromKeysFetchedAfterTheTokenWasSignedIsAbsentWithoutAFetch() {
        Instant signed = clock.instant();
        find("key-1");

        assertThat(cache.find("made-up", signed)).isEqualTo(new Lookup.Absent());
        assertThat(jwks.requests()).isEqualTo(1);
    }

    @Test
    void kidMissingFromKeysOlderThanTheTokenIsNotFetchedYetUntilTheIntervalHasPassed() {
        find("key-1");
        Instant signed = clock.instant().plusSeconds(1);

        assertThat(cache.find("key-2", signed)).isEqualTo(new Lookup.NotFetchedYet());
        assertThat(find("key-2")).isEqualTo(new Lookup.NotFetchedYet());
        assertThat(jwks.requests()).isEqualTo(1);
    }

    @Test
    void kidMissingWhenTheRefreshFailsIsNotFetchedYet() {
        find("key-1");
        jwks.answer(500, "oops");
        clock.advance(JwksCache.MIN_REFRESH_INTERVAL);

        assertThat(find("key-2")).isEqualTo(new Lookup.NotFetchedYet());
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void keysRemovedFromTheJwksStopBeingTrustedAfterTheMaxAge() {
        find("key-1");
        jwks.publish(Tokens.newKey("key-2"));
        clock.advance(JwksCache.MAX_AGE);

        assertThat(find("key-1")).isEqualTo(new Lookup.Absent());
    }

    @Test
    void unreachableJwksIsReportedAndRetriedOnlyAfterTheInterval() {
        jwks.answer(503, "{\"title\":\"starting\"}");
        assertThat(find("key-1")).isEqualTo(new Lookup.Unavailable());

        jwks.publish(key);
        assertThat(find("key-1")).isEqualTo(new Lookup.Unavailable());
        assertThat(jwks.requests()).isEqualTo(1);

        clock.advance(JwksCache.MIN_REFRESH_INTERVAL);
        assertThat(key("key-1")).isPresent();
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void cachedKeysKeepWorkingWhenARefreshFails() {
        find("key-1");
        jwks.answer(500, "oops");
        clock.advance(JwksCache.MAX_AGE);

        assertThat(key("key-1")).isPresent();
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void onlyEs256SigningKeysOnP256AreSelected() throws JOSEException {
        ECKey encryption =
                new ECKeyGenerator(Curve.P_256).keyID("enc").keyUse(KeyUse.ENCRYPTION).generate();
        ECKey otherCurve =
                new ECKeyGenerator(Curve.P_384)
                        .keyID("p384")
                        .algorithm(JWSAlgorithm.ES384)
                        .generate();
        ECKey bare = new ECKeyGenerator(Curve.P_256).keyID("bare").generate();
        jwks.publish(key, encryption, otherCurve, bare);

        assertThat(key("enc")).isEmpty();
        assertThat(key("p384")).isEmpty();
        assertThat(key("bare"))
                .as("a key without use or alg is still a standard signing key")
                .isPresent();
    }
}
