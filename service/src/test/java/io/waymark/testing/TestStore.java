package io.waymark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/** The three stores every store contract and HTTP test runs against. */
public enum TestStore {
    SQLITE,
    POSTGRESQL,
    MONGODB;

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
