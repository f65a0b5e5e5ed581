package io.waymark;

import io.waymark.store.StandaloneStoreConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * What {@code migrate} starts: the store with its migrations (Flyway, or MongoDB's indexes), no web
 * server, no security, no features. A third of the classes of {@code serve}, which counts on a
 * quarter of a CPU.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({
    JdbcTemplateAutoConfiguration.class,
    JdbcClientAutoConfiguration.class,
    DataSourceTransactionManagerAutoConfiguration.class,
    FlywayAutoConfiguration.class
})
@Import(StandaloneStoreConfiguration.class)
class MigrationConfiguration {}
