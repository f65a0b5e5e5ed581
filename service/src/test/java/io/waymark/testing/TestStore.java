package io.waymark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** The three stores every store contract and HTTP test runs against. */
public enum TestStore {
    SQLITE,
    POSTGRESQL,
    MONGODB;

    /**
     * The stores an {@link OnEveryStore} class runs on: all three, unless {@code
     * -Dwaymark.stores=sqlite} (or a comma-separated list) narrows a run for a fast loop on one
     * feature (CONTRIBUTING.md). Nothing sets it in {@code ./mvnw verify}, which runs all three.
     */
    public static Stream<TestStore> selected() {
        String names = System.getProperty("waymark.stores", "");
        if (names.isBlank()) {
            return Arrays.stream(values());
        }
        return Arrays.stream(names.split(","))
                .map(name -> name.strip().toUpperCase(Locale.ROOT))
                .map(
                        name ->
                                Arrays.stream(values())
                                        .filter(store -> store.name().equals(name))
                                        .findFirst()
                                        .orElseThrow(
                                                () ->
                                                        new IllegalArgumentException(
                                                                "-Dwaymark.stores: no store '"
                                                                        + name
                                                                        + "'; one or more of "
                                                                        + Arrays.toString(
                                                                                values()))));
    }

    /** Properties selecting a new, empty database of this kind (a temporary file for SQLite). */
    public Map<String, String> newDatabase() {
        return switch (this) {
            case SQLITE -> Map.of("database.url", "sqlite:" + temporaryFile());
            case POSTGRESQL ->
                    Map.of(
                            "database.url",
                            EmbeddedServers.newPostgresDatabase(),
                            "database.user",
                            "postgres",
                            "database.password",
                            "");
            case MONGODB -> Map.of("database.url", EmbeddedServers.newMongoDatabase());
        };
    }

    /** {@link #newDatabase()} as environment variables, for the service started as a process. */
    public Map<String, String> newDatabaseEnvironment() {
        Map<String, String> environment = new HashMap<>();
        newDatabase()
                .forEach(
                        (key, value) ->
                                environment.put(key.replace('.', '_').toUpperCase(), value));
        return environment;
    }

    private static String temporaryFile() {
        try {
            var directory = Files.createTempDirectory("waymark-test");
            directory.toFile().deleteOnExit();
            return directory.resolve("waymark.db").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
