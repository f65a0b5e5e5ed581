package io.waymark.store;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;

/**
 * The MongoDB counterpart of the Flyway migrations: each feature's collections and indexes ({@link
 * MongoCollections}), created at start-up (by {@code migrate} and by {@code serve}).
 */
public class MongoMigrations implements InitializingBean {

    private final MongoDatabase database;
    private final List<MongoCollections> features;

    MongoMigrations(MongoDatabase database, List<MongoCollections> features) {
        this.database = database;
        this.features = features;
    }

    @Override
    public void afterPropertiesSet() {
        features.forEach(feature -> feature.create(database));
    }
}
