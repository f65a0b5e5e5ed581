package io.waymark.store;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** SQLite and PostgreSQL: one HikariCP pool; Spring Boot's Flyway runs the migrations of the matching dialect. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnStore(StoreFamily.JDBC)
class JdbcStoreConfiguration {

    /** Pool settings may still be overridden under {@code waymark.datasource.*} (bound after this method). */
    @Bean
    @ConfigurationProperties("waymark.datasource")
    HikariDataSource dataSource(DatabaseUrl url, DatabaseProperties credentials) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("waymark");
        // Requests run on virtual threads, so concurrency is not capped by a thread pool: the connection pool is
        // the cap. Callers queue for a connection for up to connectionTimeout instead of piling onto the database.
        dataSource.setConnectionTimeout(10_000);
        if (url.kind() == DatabaseUrl.Kind.SQLITE) {
            configureSqlite(dataSource, url);
        } else {
            dataSource.setJdbcUrl(url.location());
            dataSource.setMaximumPoolSize(16);
            if (credentials.hasCredentials()) {
                dataSource.setUsername(credentials.user());
                dataSource.setPassword(credentials.password());
            }
        }
        return dataSource;
    }

    @Bean
    StoreProbe jdbcStoreProbe(JdbcClient jdbc) {
        return () -> jdbc.sql("SELECT 1").query(Integer.class).single();
    }

    private static void configureSqlite(HikariDataSource dataSource, DatabaseUrl url) {
        Path file = url.sqlitePath().toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory of the SQLite file " + file, e);
        }
        dataSource.setJdbcUrl("jdbc:sqlite:" + file);
        // SQLite allows one writer at a time. IMMEDIATE transactions take the write lock up front, so a
        // read-then-write transaction can never hit SQLITE_BUSY half way (the busy timeout cannot help there);
        // every other writer waits on the busy timeout instead of seeing "database is locked".
        dataSource.addDataSourceProperty("journal_mode", url.journalMode().toUpperCase());
        dataSource.addDataSourceProperty("busy_timeout", "30000");
        dataSource.addDataSourceProperty("foreign_keys", "true");
        dataSource.addDataSourceProperty("synchronous", "NORMAL");
        dataSource.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        // With the rollback journal (the EFS mode) readers and the writer exclude each other, so fewer connections.
        dataSource.setMaximumPoolSize(url.journalMode().equals("wal") ? 8 : 4);
    }
}
