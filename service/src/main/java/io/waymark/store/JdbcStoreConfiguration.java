package io.waymark.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SQLite and PostgreSQL: HikariCP pools ({@link JdbcClients} says which does what); Spring Boot's
 * Flyway runs the migrations of the matching dialect through the primary pool, which is also the
 * one transactions use.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnStore(StoreFamily.JDBC)
class JdbcStoreConfiguration {

    /**
     * PostgreSQL: requests run on virtual threads, so the pool, not a thread pool, caps concurrent
     * statements. Measured with bench/run --postgres (docs/benchmarks.md): 8 connections lost 13 %
     * of the create rate, 32 gained reads and lost creates by about as much; pgjdbc's default of
     * server-side prepared statements after five uses is kept (prepareThreshold=0 lost a quarter).
     */
    static final int POSTGRES_POOL = 16;

    /**
     * SQLite in WAL mode: readers beside the one writer; more than the cores buys nothing (queries
     * are CPU).
     */
    static final int SQLITE_READERS = 4;

    /**
     * How long a request waits for a connection (or for the store at start) before it is answered
     * 503.
     */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The primary pool: all of PostgreSQL, or SQLite's single writer. Pool settings may still be
     * overridden under {@code waymark.datasource.*} (bound after this method).
     */
    @Bean(defaultCandidate = false)
    @ConfigurationProperties("waymark.datasource")
    HikariDataSource waymarkPool(
            DatabaseUrl url, DatabaseProperties credentials, StoreStartup startup) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("waymark");
        // Callers queue for a connection instead of piling onto the database; past this, the store
        // is unavailable.
        dataSource.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        if (url.kind() == DatabaseUrl.Kind.SQLITE) {
            sqlite(dataSource, url);
            // One connection: SQLite's one writer (in delete mode also its one reader, see jdbc()).
            dataSource.setMaximumPoolSize(1);
            dataSource.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        } else {
            dataSource.setJdbcUrl(url.location());
            dataSource.setMaximumPoolSize(POSTGRES_POOL);
            if (credentials.hasCredentials()) {
                dataSource.setUsername(credentials.user());
                dataSource.setPassword(credentials.password());
            }
        }
        return dataSource;
    }

    /**
     * What Flyway, the transaction manager and {@link #jdbc} use: the primary pool, with a
     * transaction taking its connection at its first statement rather than at its start, so a
     * transaction that has not written yet does not hold SQLite's one writer connection.
     */
    @Bean
    @Primary
    DataSource dataSource(
            @Qualifier("waymarkPool") HikariDataSource pool,
            DatabaseUrl url,
            StoreStartup startup) {
        DataSource target =
                url.kind() == DatabaseUrl.Kind.SQLITE
                        ? new OneWriterDataSource(pool, CONNECTION_TIMEOUT)
                        : pool;
        if (url.isSqliteOnNetworkFileSystem()) {
            target = new GatedDataSource(target, startup, CONNECTION_TIMEOUT);
        }
        LazyConnectionDataSourceProxy lazy = new LazyConnectionDataSourceProxy(target);
        // Given, so the proxy need not open a connection at start to learn them (which would also
        // open the gate).
        lazy.setDefaultAutoCommit(true);
        lazy.setDefaultTransactionIsolation(
                url.kind() == DatabaseUrl.Kind.SQLITE
                        ? Connection.TRANSACTION_SERIALIZABLE
                        : Connection.TRANSACTION_READ_COMMITTED);
        return lazy;
    }

    /**
     * The migrations of the dialect, then those both dialects share. Named here rather than through
     * Boot's {@code {vendor}} placeholder, which opens a connection at start to ask the database
     * its name.
     */
    @Bean
    FlywayConfigurationCustomizer migrationsOfTheDialect(DatabaseUrl url) {
        String dialect = url.kind() == DatabaseUrl.Kind.SQLITE ? "sqlite" : "postgresql";
        return flyway ->
                flyway.locations(
                        "classpath:db/migration/" + dialect, "classpath:db/migration/common");
    }

    /**
     * Flyway runs once the store may be used: at once, or when the SQLite lock is held ({@link
     * StoreStartup}).
     */
    @Bean
    FlywayMigrationStrategy migrateWhenTheStoreIsReady(StoreStartup startup) {
        return flyway -> startup.whenReady(flyway::migrate);
    }

    /**
     * Reads and writes. SQLite with the rollback journal (the EFS mode) lets readers and the writer
     * exclude each other, so there a second pool would only add lock waits: everything shares the
     * one connection.
     */
    @Bean
    JdbcClients jdbc(JdbcClient primary, DatabaseUrl url) {
        if (!url.isSqliteWal()) {
            return new JdbcClients(primary, primary, null);
        }
        HikariDataSource readers = new HikariDataSource();
        readers.setPoolName("waymark-reads");
        readers.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        sqlite(readers, url);
        readers.setMaximumPoolSize(SQLITE_READERS);
        readers.setConnectionInitSql("PRAGMA query_only = true");
        return new JdbcClients(JdbcClient.create(readers), primary, readers);
    }

    @Bean
    StoreTransactions jdbcTransactions(PlatformTransactionManager transactions) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        return new StoreTransactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return template.execute(status -> work.get());
            }
        };
    }

    @Bean
    StoreProbe jdbcStoreProbe(JdbcClients jdbc) {
        return () -> jdbc.reads().sql("SELECT 1").query(Integer.class).single();
    }

    private static void sqlite(HikariDataSource dataSource, DatabaseUrl url) {
        Path file = url.sqlitePath().toAbsolutePath();
        OwnerOnly.databaseFile(file);
        dataSource.setJdbcUrl("jdbc:sqlite:" + file);
        // IMMEDIATE transactions (writer only) take the write lock up front, so a read-then-write
        // transaction can never hit SQLITE_BUSY half way; another process's writer waits on the
        // busy timeout instead of failing.
        dataSource.addDataSourceProperty("journal_mode", url.journalMode().toUpperCase());
        dataSource.addDataSourceProperty("busy_timeout", "30000");
        dataSource.addDataSourceProperty("foreign_keys", "true");
        // WAL with NORMAL survives a process crash (the journal is synced at checkpoints); on EFS
        // the rollback journal needs FULL, or a power loss mid-commit can corrupt the file.
        dataSource.addDataSourceProperty(
                "synchronous", url.journalMode().equals("wal") ? "NORMAL" : "FULL");
    }
}
