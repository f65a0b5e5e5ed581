package io.waymark.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite file holds password hashes and the signing keys, so it and its directory are the
 * owner's alone: created so, and an existing file (from a version that left it 0644) tightened.
 * SQLite creates its -wal, -shm and -journal files with the mode of the database file.
 */
final class OwnerOnly {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnly.class);
    private static final Set<PosixFilePermission> DIRECTORY =
            PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE =
            PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {}

    /** Creates the directory (and any missing parent) owner-only; an existing one is left as is. */
    static void directory(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, attributes(DIRECTORY));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory " + directory, e);
        }
    }

    /** The database file, created empty and owner-only, or tightened with its companions. */
    static void databaseFile(Path file) {
        directory(file.toAbsolutePath().getParent());
        try {
            if (!Files.exists(file)) {
                // An empty file is a new SQLite database; creating it here sets its mode.
                Files.createFile(file, attributes(FILE));
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the SQLite file " + file, e);
        }
        if (!POSIX) {
            return;
        }
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Path path = Path.of(file + suffix);
            try {
                if (Files.exists(path) && !Files.getPosixFilePermissions(path).equals(FILE)) {
                    Files.setPosixFilePermissions(path, FILE);
                    log.info("{} made readable by its owner only (it was not)", path);
                }
            } catch (IOException | UnsupportedOperationException e) {
                log.warn("Cannot make {} readable by its owner only: {}", path, e.toString());
            }
        }
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        return POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }
}
