package io.waymark.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database servers the tests start themselves: a real PostgreSQL (embedded binaries from Maven
 * Central) and a MongoDB wire-protocol server. Each starts once per test JVM, on 127.0.0.1 and a
 * free port, when first needed, and stops when the JVM exits. Every caller gets a database of its
 * own.
 */
public final class EmbeddedServers {

    private static final AtomicInteger databases = new AtomicInteger();

    private EmbeddedServers() {}

    /** A new, empty PostgreSQL database, as a DATABASE_URL (user {@code postgres}, no password). */
    public static String newPostgresDatabase() {
        String name = "waymark_" + databases.incrementAndGet();
        try (Connection connection = Postgres.SERVER.getPostgresDatabase().getConnection()) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return "postgresql://127.0.0.1:" + Postgres.SERVER.getPort() + "/" + name;
    }

    /** A new MongoDB database name on the wire-protocol server, as a DATABASE_URL. */
    public static String newMongoDatabase() {
        return "mongodb://127.0.0.1:"
                + Mongo.ADDRESS.getPort()
                + "/waymark_"
                + databases.incrementAndGet();
    }

    /**
     * How every embedded PostgreSQL of the tests is configured: loopback only, room for several
     * services' pools.
     */
    static EmbeddedPostgres.Builder postgresBuilder() {
        return EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "300");
    }

    /** Holder idiom: the server starts on first use only, so SQLite-only runs never pay for it. */
    private static final class Postgres {
        static final EmbeddedPostgres SERVER = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres postgres = postgresBuilder().start();
                Runtime.getRuntime()
                        .addShutdownHook(
                                new Thread(
                                        () -> {
                                            try {
                                                postgres.close();
                                            } catch (IOException ignored) {
                                                // the JVM is exiting; the temporary data directory
                                                // goes with it
                                            }
                                        }));
                return postgres;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
            }
        }
    }

    private static final class Mongo {
        static final InetSocketAddress ADDRESS = start();

        private static InetSocketAddress start() {
            MongoServer server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            InetSocketAddress address = server.getLocalAddress();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
            return address;
        }
    }
}
