package io.waymark.store;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How the JDBC stores reach their database: {@link #reads()} for queries, {@link #writes()} for
 * everything that changes data (and for queries inside a write transaction). On PostgreSQL both are
 * the one pool. On SQLite in WAL mode, writes go through a pool of one connection: SQLite has one
 * writer at a time anyway, and a second writer would wait for the lock inside the driver's native
 * code, where a virtual thread pins its carrier (the JVM has one per core); one connection makes
 * writers queue in Java instead, where waiting costs nothing. Reads have a pool of their own,
 * read-only, which WAL lets run beside the writer.
 */
public final class JdbcClients implements AutoCloseable {

    private final JdbcClient reads;
    private final JdbcClient writes;
    private final HikariDataSource readPool;

    JdbcClients(JdbcClient reads, JdbcClient writes, HikariDataSource readPool) {
        this.reads = reads;
        this.writes = writes;
        this.readPool = readPool;
    }

    public JdbcClient reads() {
        return reads;
    }

    public JdbcClient writes() {
        return writes;
    }

    /** The read-only pool, when reads have one of their own (SQLite in WAL mode). */
    public Optional<HikariDataSource> readPool() {
        return Optional.ofNullable(readPool);
    }

    @Override
    public void close() {
        if (readPool != null) {
            readPool.close();
        }
    }
}
