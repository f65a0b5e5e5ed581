package io.waymark.store;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.springframework.beans.factory.InitializingBean;

/**
 * The MongoDB counterpart of the Flyway migrations: collections and indexes, created at start-up
 * (by {@code migrate} and by {@code serve}). Index creation is idempotent, so running it on every
 * start is safe. Keep in step with {@code db/migration/*}/V1__schema.sql.
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
        // deadline_sort is the deadline, or Long.MAX_VALUE
        // without one: the COALESCE of the SQL index.
        todos.createIndex(Indexes.ascending("owner_id", "deadline_sort", "_id"));
        todos.createIndex(Indexes.ascending("owner_id", "priority", "_id"));
        todos.createIndex(Indexes.ascending("created_at", "_id"));
        // The bounding box of `near` + `within_m` (V3__todo_places.sql).
        todos.createIndex(Indexes.ascending("owner_id", "place_lat_e6", "place_lng_e6"));
        todos.createIndex(Indexes.ascending("place_lat_e6", "place_lng_e6"));
        todos.createIndex(Indexes.geo2dsphere("place_point"));
        // A visit's _id is its to-do and arrival time (V4__todo_visits.sql's primary key).
        database.getCollection("todo_visits")
                .createIndex(Indexes.ascending("todo_id", "arrived_at"));
        database.getCollection("locations")
                .createIndex(
                        Indexes.compoundIndex(
                                Indexes.ascending("user_id"),
                                Indexes.descending("recorded_at", "_id")));
        var idempotency = database.getCollection("idempotency_keys");
        idempotency.createIndex(Indexes.ascending("owner_id", "idem_key"), unique);
        idempotency.createIndex(Indexes.ascending("created_at"));
    }
}
