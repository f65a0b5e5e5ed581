package io.waymark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
