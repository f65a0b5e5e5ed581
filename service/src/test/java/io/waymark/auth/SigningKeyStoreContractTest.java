package io.waymark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link SigningKeyStore} must do, run against SQLite, PostgreSQL and MongoDB. On a service and
 * database of its own: the keys written here are not real JWKs, and a shared service would try to use them.
 */
@ParameterizedClass
@EnumSource(TestStore.class)
class SigningKeyStoreContractTest {

    private static final Map<TestStore, RunningService> services = new ConcurrentHashMap<>();

    @Parameter
    TestStore store;

    @AfterAll
    static void stop() {
        services.values().forEach(RunningService::stop);
    }

    private SigningKeyStore keys() {
        return services.computeIfAbsent(store, s -> RunningService.start(s.newDatabase(), Map.of()))
                .bean(SigningKeyStore.class);
    }

    private long nextGeneration() {
        return keys().findAll().stream().mapToLong(SigningKeyStore.StoredKey::generation).max().orElse(0) + 1;
    }

    private static SigningKeyStore.StoredKey key(long generation) {
        return new SigningKeyStore.StoredKey(generation, UUID.randomUUID().toString(), "{\"kty\":\"EC\"}",
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
    void racingInstancesCreateExactlyOneKeyPerGeneration() throws Exception {
        long generation = nextGeneration();
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            var candidate = key(generation);
            attempts.add(() -> {
                start.await();
                return keys().insertIfAbsent(candidate);
            });
        }
        List<Boolean> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            List<Future<Boolean>> futures = attempts.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Boolean> future : futures) {
                outcomes.add(future.get());
            }
        }

        assertThat(outcomes).containsOnlyOnce(true);
        assertThat(keys().findAll()).filteredOn(key -> key.generation() == generation).hasSize(1);
    }
}
