package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.RunningService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SQLite file holds the signing keys and password hashes: its owner's alone. */
class DatabaseFilePermissionsTest {

    @Test
    void theDatabaseFileAndItsDirectoryAreCreatedOwnerOnly() throws IOException {
        Path directory = Files.createTempDirectory("waymark-perm").resolve("data");
        Path file = directory.resolve("waymark.db");
        RunningService service =
                RunningService.start(Map.of("database.url", "sqlite:" + file), Map.of());
        try {
            new Accounts(service).user();

            assertThat(mode(directory)).isEqualTo("rwx------");
            assertThat(mode(file)).isEqualTo("rw-------");
        } finally {
            service.stop();
        }
    }

    @Test
    void aFileLeftReadableByAnEarlierVersionIsTightenedAtStart() throws IOException {
        Path file = Files.createTempDirectory("waymark-perm").resolve("waymark.db");
        Files.createFile(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        RunningService service =
                RunningService.start(Map.of("database.url", "sqlite:" + file), Map.of());
        service.stop();

        assertThat(mode(file)).isEqualTo("rw-------");
    }

    private static String mode(Path path) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        return PosixFilePermissions.toString(permissions);
    }
}
