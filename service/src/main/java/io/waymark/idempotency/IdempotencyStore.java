package io.waymark.idempotency;

import java.time.Instant;
import java.util.Optional;

/**
 * Where {@code Idempotency-Key} records live, unique per (owner, key). One implementation per store
 * family; the behaviour every implementation must have is specified by {@code
 * IdempotencyStoreContractTest}.
 */
public interface IdempotencyStore {

    /**
     * Inserts a claim (a record without a response). Returns false, and changes nothing, when the
     * owner already has a record under that key: the database's unique key decides, so of
     * concurrent claims exactly one wins.
     */
    boolean claim(IdempotencyRecord claim);

    Optional<IdempotencyRecord> find(String ownerId, String key);

    /**
     * Stores the answer on the claim; returns false when that claim is gone (released, or taken
     * over after it was abandoned), in which case nothing changes.
     */
    boolean complete(IdempotencyRecord completed);

    /**
     * Deletes this very record as it was read (same owner, key, request hash and creation time, and
     * a claim only while it still has no answer), so that neither a claim replaced meanwhile nor an
     * answer stored meanwhile is ever deleted by mistake; returns whether it did. A request whose
     * commit failed cannot tell whether its answer was stored (the connection may have dropped
     * after the server committed): deleting its claim then frees the key only if nothing was
     * written.
     */
    boolean delete(IdempotencyRecord record);

    /** Deletes every record created before {@code cutoff}; returns how many. */
    int deleteCreatedBefore(Instant cutoff);
}
