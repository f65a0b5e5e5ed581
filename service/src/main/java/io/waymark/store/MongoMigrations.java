package io.waymark.store;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.springframework.beans.factory.InitializingBean;

/**
 * The MongoDB counterpart of the Flyway migrations: collections and indexes, created at start-up
 * (by {@code migrate} and by {@code serve}). Index creation is idempotent, so running it on every
 * start is safe. Keep in step with {@code db/migration/*}/V1__schema.sql and {@code
 * db/migration/common}.
 */
public class MongoMigrations implements InitializingBean {

    private final MongoDatabase database;

    MongoMigrations(MongoDatabase database) {
        this.database = database;
    }

    @Override
    public void afterPropertiesSet() {
        var unique = new IndexOptions().unique(true);
        database.getCollection("users").createIndex(Indexes.ascending("user_name_key"), unique);
        database.getCollection("users").createIndex(Indexes.ascending("role"));
        database.getCollection("signing_keys").createIndex(Indexes.ascending("kid"), unique);
        var todos = database.getCollection("todos");
        todos.createIndex(Indexes.ascending("owner_id", "created_at", "_id"));
        // deadline_sort is the deadline, or Long.MAX_VALUE without one: the COALESCE of the SQL
        // index.
        todos.createIndex(Indexes.ascending("owner_id", "deadline_sort", "_id"));
        todos.createIndex(Indexes.ascending("owner_id", "priority", "_id"));
        todos.createIndex(Indexes.ascending("created_at", "_id"));
        database.getCollection("locations")
                .createIndex(
                        Indexes.compoundIndex(
                                Indexes.ascending("user_id"),
                                Indexes.descending("recorded_at", "_id")));
        // device_fix is "device id/recorded_at", present only on a device's pings: a sparse
        // unique index is what makes a resent fix a duplicate (the SQL stores' unique index on
        // (device_id, recorded_at)), and every server, DocumentDB included, has sparse indexes.
        database.getCollection("locations")
                .createIndex(
                        Indexes.ascending("device_fix"),
                        new IndexOptions().unique(true).sparse(true));
        var devices = database.getCollection("devices");
        devices.createIndex(Indexes.ascending("key_hash"), unique);
        devices.createIndex(Indexes.ascending("user_id", "created_at", "_id"));
        devices.createIndex(Indexes.ascending("created_at", "_id"));
        var idempotency = database.getCollection("idempotency_keys");
        idempotency.createIndex(Indexes.ascending("owner_id", "idem_key"), unique);
        idempotency.createIndex(Indexes.ascending("created_at"));
    }
}
