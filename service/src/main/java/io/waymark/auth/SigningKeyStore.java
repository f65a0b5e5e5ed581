package io.waymark.auth;

import java.time.Instant;
import java.util.List;

/**
 * Where the ES256 signing keys live, shared by every instance of the service. Implementations:
 * {@link JdbcSigningKeyStore}, {@link MongoSigningKeyStore}; contract: {@code
 * SigningKeyStoreContractTest}.
 */
public interface SigningKeyStore {

    /** Every stored key, newest generation first. */
    List<StoredKey> findAll();

    /** Stores a key unless its generation exists already; returns whether this call stored it. */
    boolean insertIfAbsent(StoredKey key);

    /**
     * Replaces a key's stored JWK if it is still {@code expected} (encrypting a key stored plain);
     * returns whether this call replaced it.
     */
    boolean replaceJwk(long generation, String expected, String replacement);

    /** A signing key as stored: the full JWK, private part included. */
    record StoredKey(long generation, String kid, String privateJwk, Instant createdAt) {}
}
