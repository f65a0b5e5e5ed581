package io.waymark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.OwnServices;
import io.waymark.testing.Race;
import io.waymark.testing.TestStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link SigningKeyStore} must do, run against SQLite, PostgreSQL and MongoDB. On a
 * service and database of its own: the keys written here are not real JWKs, and a shared service
 * would try to use them.
 */
@ParameterizedClass
@EnumSource(TestStore.class)
class SigningKeyStoreContractTest {

    @RegisterExtension static final OwnServices own = new OwnServices();

    @Parameter TestStore store;

    private SigningKeyStore keys() {
        return own.on(store).bean(SigningKeyStore.class);
    }

    private long nextGeneration() {
        return keys().findAll().stream()
                        .mapToLong(SigningKeyStore.StoredKey::generation)
                        .max()
                        .orElse(0)
                + 1;
    }

    private static SigningKeyStore.StoredKey key(long generation) {
        return new SigningKeyStore.StoredKey(
                generation,
                UUID.randomUUID().toString(),
                "{\"kty\":\"EC\"}",
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void keysComeBackNewestGenerationFirst() {
        long generation = nextGeneration();
        var older = key(generation);
        var newer = key(generation + 1);
        assertThat(keys().insertIfAbsent(older)).isTrue();
        assertThat(keys().insertIfAbsent(newer)).isTrue();

        assertThat(keys().findAll()).startsWith(newer, older);
    }

    @Test
    void racingInstancesCreateExactlyOneKeyPerGeneration() {
        long generation = nextGeneration();
        List<SigningKeyStore.StoredKey> candidates =
                IntStream.range(0, 8).mapToObj(i -> key(generation)).toList();
        SigningKeyStore keys = keys();

        List<Boolean> outcomes =
                Race.run(candidates.size(), i -> keys.insertIfAbsent(candidates.get(i)));

        assertThat(outcomes).containsOnlyOnce(true);
        assertThat(keys().findAll()).filteredOn(key -> key.generation() == generation).hasSize(1);
    }

    @Test
    void aStoredJwkIsReplacedOnlyWhileItIsStillTheOneExpected() {
        var stored = key(nextGeneration());
        keys().insertIfAbsent(stored);

        boolean first = keys().replaceJwk(stored.generation(), stored.privateJwk(), "sealed-1");
        boolean second = keys().replaceJwk(stored.generation(), stored.privateJwk(), "sealed-2");

        assertThat(first).isTrue();
        assertThat(second).as("another instance sealed it first").isFalse();
        assertThat(keys().findAll())
                .filteredOn(key -> key.generation() == stored.generation())
                .extracting(SigningKeyStore.StoredKey::privateJwk)
                .containsExactly("sealed-1");
    }
}
