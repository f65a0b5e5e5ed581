package io.waymark.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.OnEveryStore;
import io.waymark.testing.Race;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link IdempotencyStore} must do, run against SQLite, PostgreSQL and MongoDB. */
class IdempotencyStoreContractTest extends OnEveryStore {

    private static final int RACERS = 16;

    private String owner;

    @BeforeEach
    void owner() {
        // A real user: on SQL stores the records reference users.
        owner = accounts().user().id();
    }

    private IdempotencyStore keys() {
        return bean(IdempotencyStore.class);
    }

    private static IdempotencyRecord claim(String owner, String key, Instant at) {
        return IdempotencyRecord.claim(owner, key, "hash-" + key, at);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aKeyIsClaimedOncePerOwner() {
        String key = newKey();
        IdempotencyRecord claim = claim(owner, key, now());
        String otherOwner = accounts().user().id();

        assertThat(keys().claim(claim)).isTrue();
        assertThat(keys().claim(claim(owner, key, now().plusSeconds(1))))
                .as("same owner, same key")
                .isFalse();
        assertThat(keys().claim(claim(otherOwner, key, now()))).as("keys are per owner").isTrue();
        assertThat(keys().find(owner, key)).contains(claim);
        assertThat(keys().find(owner, newKey())).isEmpty();
    }

    @Test
    void completeStoresTheAnswerOnTheClaimOnlyOnce() {
        IdempotencyRecord claim = claim(owner, newKey(), now());
        keys().claim(claim);
        IdempotencyRecord completed =
                claim.withResponse(201, "{\"Location\":\"/x\"}", "{\"id\":\"x\"}");
        IdempotencyRecord otherClaim =
                IdempotencyRecord.claim(
                        owner, claim.key(), claim.requestHash(), claim.createdAt().plusMillis(1));

        assertThat(keys().complete(otherClaim.withResponse(500, null, null)))
                .as("not this claim")
                .isFalse();
        assertThat(keys().find(owner, claim.key())).contains(claim);
        assertThat(keys().complete(completed)).isTrue();
        assertThat(keys().find(owner, claim.key())).contains(completed);
        assertThat(keys().find(owner, claim.key()).orElseThrow().completed()).isTrue();
        assertThat(keys().complete(claim.withResponse(200, null, "{}")))
                .as("already answered")
                .isFalse();
        assertThat(keys().find(owner, claim.key())).contains(completed);
    }

    @Test
    void deleteRemovesOnlyThatVeryRecord() {
        IdempotencyRecord claim = claim(owner, newKey(), now());
        keys().claim(claim);
        IdempotencyRecord sameKeyLaterClaim =
                IdempotencyRecord.claim(
                        owner, claim.key(), claim.requestHash(), claim.createdAt().plusSeconds(61));

        assertThat(keys().delete(sameKeyLaterClaim)).isFalse();
        assertThat(keys().find(owner, claim.key())).contains(claim);
        assertThat(keys().delete(claim)).isTrue();
        assertThat(keys().find(owner, claim.key())).isEmpty();
        assertThat(keys().claim(sameKeyLaterClaim))
                .as("a released key can be claimed again")
                .isTrue();
    }

    @Test
    void deletingAClaimLeavesItOnceItHasAnAnswer() {
        IdempotencyRecord claim = claim(owner, newKey(), now());
        keys().claim(claim);
        IdempotencyRecord completed = claim.withResponse(201, null, "{\"id\":\"x\"}");
        keys().complete(completed);

        assertThat(keys().delete(claim))
                .as("the claim as it was read, before its answer was stored")
                .isFalse();
        assertThat(keys().find(owner, claim.key())).contains(completed);
        assertThat(keys().delete(completed)).as("the record as it is now").isTrue();
        assertThat(keys().find(owner, claim.key())).isEmpty();
    }

    @Test
    void deleteCreatedBeforeRemovesOnlyOlderRecords() {
        Instant now = now();
        IdempotencyRecord expired = claim(owner, newKey(), now.minus(Duration.ofHours(25)));
        IdempotencyRecord fresh = claim(owner, newKey(), now);
        keys().claim(expired);
        keys().claim(fresh);

        assertThat(keys().deleteCreatedBefore(now.minus(Duration.ofHours(24)))).isPositive();
        assertThat(keys().find(owner, expired.key())).isEmpty();
        assertThat(keys().find(owner, fresh.key())).contains(fresh);
    }

    @Test
    void concurrentClaimsOfOneKeyHaveExactlyOneWinner() {
        String key = newKey();
        List<IdempotencyRecord> claims =
                IntStream.range(0, RACERS)
                        .mapToObj(i -> claim(owner, key, now().plusMillis(i)))
                        .toList();
        IdempotencyStore keys = keys();

        long wins =
                Race.run(RACERS, i -> keys.claim(claims.get(i))).stream()
                        .filter(won -> won)
                        .count();

        assertThat(wins).isEqualTo(1);
        assertThat(keys().find(owner, key)).isPresent();
    }
}
