package io.waymark.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The ES256 keys that sign and verify access tokens. They live in the store so every instance signs
 * with the same key and verifies every other instance's tokens. The two newest generations are
 * published. A new key is published a while before it signs anything, so verifiers that cache the
 * JWKS (the Lambda authorizer keeps it up to 10 minutes, refetching sooner for an unknown kid) know
 * it before the first token arrives; the previous key stays published for the tokens it signed.
 * Keys are cached and reloaded when a token names an unknown {@code kid} (another instance
 * rotated), at most once a second so junk tokens cannot hammer the store.
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

    private static final Duration RELOAD_INTERVAL = Duration.ofSeconds(1);
    private static final Duration PUBLISH_AHEAD = Duration.ofMinutes(2);
    private static final int PUBLISHED_GENERATIONS = 2;

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final SigningKeyStore store;
    private final Clock clock;
    private final Duration rotation;
    private final KeyEncryption encryption;
    private volatile Loaded loaded;

    SigningKeys(
            SigningKeyStore store,
            Clock clock,
            TokenProperties properties,
            KeyEncryption encryption) {
        this.store = store;
        this.clock = clock;
        this.rotation = properties.keyRotation();
        this.encryption = encryption;
    }

    /**
     * At start, every stored key must open with this instance's key encryption key (a wrong one
     * stops start-up here, not at the first sign-in), and keys stored plain before encryption are
     * sealed. With the store unavailable at start, that waits for the keys' first use.
     */
    @EventListener(ApplicationReadyEvent.class)
    void sealStoredKeys() {
        List<SigningKeyStore.StoredKey> stored;
        try {
            stored = store.findAll();
        } catch (RuntimeException unavailable) {
            log.info("Signing keys not checked at start: {}", unavailable.toString());
            return;
        }
        int sealed = 0;
        for (SigningKeyStore.StoredKey key : stored) {
            String jwk = encryption.open(key.kid(), key.privateJwk());
            if (encryption.shouldSeal(key.privateJwk())
                    && store.replaceJwk(
                            key.generation(), key.privateJwk(), encryption.seal(key.kid(), jwk))) {
                sealed++;
            }
        }
        if (sealed > 0) {
            log.info("Encrypted {} signing key(s) stored before encryption", sealed);
            reload();
        }
    }

    /**
     * The key to sign with now; creates the first key, or the next generation when the current one
     * is due.
     */
    public ECKey signingKey() {
        Loaded current = loaded();
        Instant now = clock.instant();
        if (current.newest().createdAt().plus(rotation).minus(PUBLISH_AHEAD).isBefore(now)) {
            current = rotate(current.newest().generation() + 1);
        }
        return current.signingKeyAt(now);
    }

    /** The public keys to publish at {@code /.well-known/jwks.json}. */
    public JWKSet publicKeys() {
        return new JWKSet(loaded().published()).toPublicJWKSet();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        Loaded current = loaded();
        List<JWK> matches = selector.select(new JWKSet(current.published()));
        if (matches.isEmpty()
                && current.loadedAt().plus(RELOAD_INTERVAL).isBefore(clock.instant())) {
            matches = selector.select(new JWKSet(reload().published()));
        }
        return matches;
    }

    private Loaded loaded() {
        Loaded current = loaded;
        return current != null ? current : rotate(1);
    }

    /**
     * Creates generation {@code generation} unless another instance (or thread) did first; then
     * reloads.
     */
    private synchronized Loaded rotate(long generation) {
        Loaded current = reload();
        if (current == null || current.newest().generation() < generation) {
            store.insertIfAbsent(newKey(generation));
            current = reload();
        }
        return current;
    }

    private synchronized Loaded reload() {
        List<SigningKeyStore.StoredKey> stored = store.findAll();
        if (stored.isEmpty()) {
            loaded = null;
            return null;
        }
        List<SigningKeyStore.StoredKey> newest =
                stored.subList(0, Math.min(PUBLISHED_GENERATIONS, stored.size()));
        loaded =
                new Loaded(
                        List.copyOf(newest),
                        newest.stream().map(this::parse).toList(),
                        clock.instant());
        return loaded;
    }

    private SigningKeyStore.StoredKey newKey(long generation) {
        try {
            ECKey key =
                    new ECKeyGenerator(Curve.P_256)
                            .keyUse(KeyUse.SIGNATURE)
                            .algorithm(JWSAlgorithm.ES256)
                            .keyID(UUID.randomUUID().toString())
                            .generate();
            return new SigningKeyStore.StoredKey(
                    generation,
                    key.getKeyID(),
                    encryption.seal(key.getKeyID(), key.toJSONString()),
                    clock.instant());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an EC P-256 key", e);
        }
    }

    private JWK parse(SigningKeyStore.StoredKey key) {
        try {
            return ECKey.parse(encryption.open(key.kid(), key.privateJwk()));
        } catch (ParseException e) {
            throw new IllegalStateException(
                    "Stored signing key " + key.kid() + " is not a valid JWK", e);
        }
    }

    /** The published keys (newest first) as stored and as JWKs, and when they were read. */
    private record Loaded(
            List<SigningKeyStore.StoredKey> stored, List<JWK> published, Instant loadedAt) {

        SigningKeyStore.StoredKey newest() {
            return stored.getFirst();
        }

        /**
         * The newest key published long enough ago; the very first key signs at once, nothing
         * preceded it.
         */
        ECKey signingKeyAt(Instant now) {
            for (int i = 0; i < stored.size(); i++) {
                if (!stored.get(i).createdAt().plus(PUBLISH_AHEAD).isAfter(now)) {
                    return (ECKey) published.get(i);
                }
            }
            return (ECKey) published.getLast();
        }
    }
}
