package io.waymark.authorizer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The service's verification keys, held in memory for the life of the Lambda instance. A token with
 * an unknown {@code kid} (the service rotated its keys) triggers a refresh, but at most one fetch
 * per {@link #MIN_REFRESH_INTERVAL} whatever the outcome, so tokens with made-up kids cannot hammer
 * the service.
 */
final class JwksCache {

    // Short: a token whose key this instance has not fetched yet fails until the next fetch.
    // Bounded: every made-up kid asks for a fetch, so at most 12 a minute per warm instance.
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(5);
    // Bounds how long a key the service removed (rotated out or revoked) stays trusted by a warm
    // instance.
    static final Duration MAX_AGE = Duration.ofMinutes(10);

    private final JwksFetcher fetcher;
    private final Clock clock;
    private JWKSet keys;
    private Instant fetchedAt;
    private Instant lastAttempt;

    JwksCache(JwksFetcher fetcher, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /**
     * The ES256 P-256 signing key with this id, fetching the JWKS first if needed and allowed.
     *
     * @param signedBefore a time by which the token naming {@code kid} was surely signed, or null
     */
    synchronized Lookup find(String kid, Instant signedBefore) {
        Instant now = clock.instant();
        Optional<ECKey> key = select(kid);
        boolean stale = keys == null || !now.isBefore(fetchedAt.plus(MAX_AGE));
        boolean fetchedNow = false;
        if ((key.isEmpty() || stale) && refreshAllowed(now)) {
            fetchedNow = refresh(now);
            key = select(kid);
        }
        if (key.isPresent()) {
            return new Lookup.Found(key.get());
        }
        if (keys == null) {
            return new Lookup.Unavailable();
        }
        // The service publishes a key before it signs with it, so a set fetched after the token was
        // signed would name the token's key: its kid is not the service's.
        if (fetchedNow || (signedBefore != null && !fetchedAt.isBefore(signedBefore))) {
            return new Lookup.Absent();
        }
        return new Lookup.NotFetchedYet();
    }

    private boolean refresh(Instant now) {
        lastAttempt = now;
        try {
            keys = fetcher.fetch();
            fetchedAt = now;
            return true;
        } catch (IOException e) {
            // Stale keys stay in use: the service verifies every token again, so availability wins
            // here.
            System.err.println("JWKS refresh failed: " + e.getMessage());
            return false;
        }
    }

    private boolean refreshAllowed(Instant now) {
        return lastAttempt == null || !now.isBefore(lastAttempt.plus(MIN_REFRESH_INTERVAL));
    }

    private Optional<ECKey> select(String kid) {
        if (keys == null) {
            return Optional.empty();
        }
        JWKMatcher matcher =
                new JWKMatcher.Builder()
                        .keyType(KeyType.EC)
                        .curve(Curve.P_256)
                        .keyID(kid)
                        // Keys that do not state their use or algorithm are standard JWKs and still
                        // acceptable.
                        .keyUses(KeyUse.SIGNATURE, null)
                        .algorithms(JWSAlgorithm.ES256, null)
                        .build();
        return new JWKSelector(matcher).select(keys).stream().findFirst().map(JWK::toECKey);
    }

    /** What the cache can say about one {@code kid}. */
    sealed interface Lookup {

        record Found(ECKey key) implements Lookup {}

        /** Not in a key set fetched after the token was signed: the service never published it. */
        record Absent() implements Lookup {}

        /**
         * Not in the keys fetched so far, which are older than the token, and they cannot be
         * fetched again now (too soon after the last fetch, or the fetch failed).
         */
        record NotFetchedYet() implements Lookup {}

        /** No key set has ever been fetched (the service was unreachable). */
        record Unavailable() implements Lookup {}
    }
}
