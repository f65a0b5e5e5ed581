package io.waymark.store;

import com.mongodb.client.MongoDatabase;

/**
 * One feature's MongoDB collections and indexes: the counterpart of its tables in {@code
 * db/migration}. A feature declares it as a
 * {@code @Component @ConditionalOnStore(StoreFamily.MONGO)} in its own package; {@link
 * MongoMigrations} runs every one at start-up ({@code migrate} and {@code serve}), so a new feature
 * does not edit {@code store/}. Index creation is idempotent, so running it on every start is safe.
 */
@FunctionalInterface
public interface MongoCollections {

    void create(MongoDatabase database);
}
