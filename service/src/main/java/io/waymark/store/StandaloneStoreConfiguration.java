package io.waymark.store;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The store and nothing else, for commands that only need the database ({@code migrate}): the same
 * beans as {@code serve} builds, so both read the same settings the same way, without the rest of
 * the service.
 */
@Configuration(proxyBeanMethods = false)
@Import({StoreConfiguration.class, JdbcStoreConfiguration.class, MongoStoreConfiguration.class})
public class StandaloneStoreConfiguration {}
