package io.waymark.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PostgreSQL of its own that can be stopped and started again, on the same port and data
 * directory, while services stay connected to it: for tests of what a database restart does to
 * them. The shared server of {@link EmbeddedServers} is never restarted, so other tests are not
 * disturbed. Stopping is PostgreSQL's "fast" shutdown: open connections are cut, committed data
 * stays.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private RestartablePostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** Initializes a fresh data directory and starts the server on a free loopback port. */
    public static RestartablePostgres start() {
        try {
            RestartablePostgres postgres =
                    new RestartablePostgres(Files.createTempDirectory("waymark-pg"), freePort());
            postgres.startServer();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a database and returns the environment that points a service at it. */
    public Map<String, String> newDatabase(String name) {
        try (Connection connection = server.getPostgresDatabase().getConnection()) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return Map.of(
                "DATABASE_URL",
                "postgresql://127.0.0.1:" + port + "/" + name,
                "DATABASE_USER",
                "postgres",
                "DATABASE_PASSWORD",
                "");
    }

    /** A direct connection, for checking what was stored (user postgres). */
    public Connection connect(String database) throws SQLException {
        return server.getDatabase("postgres", database).getConnection();
    }

    /**
     * Stops the server (fast shutdown), waits {@code down}, and starts it again on the same port
     * and data.
     */
    public synchronized void restart(Duration down) {
        stopServer();
        try {
            Thread.sleep(down.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        startServer();
    }

    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        stopServer();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the operating system cleans up what is left
        }
    }

    private synchronized void startServer() {
        try {
            server =
                    EmbeddedServers.postgresBuilder()
                            .setDataDirectory(dataDirectory)
                            .setCleanDataDirectory(false)
                            .setPort(port)
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot start PostgreSQL on port " + port + " in " + dataDirectory, e);
        }
    }

    private synchronized void stopServer() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot stop PostgreSQL", e);
            } finally {
                server = null;
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
