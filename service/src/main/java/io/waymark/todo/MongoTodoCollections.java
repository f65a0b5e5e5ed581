package io.waymark.todo;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import io.waymark.store.ConditionalOnStore;
import io.waymark.store.MongoCollections;
import io.waymark.store.StoreFamily;
import org.springframework.stereotype.Component;

/**
 * The to-dos on MongoDB: an index per sort order of a user's list, one for an admin's, the places
 * and the visits.
 */
@Component
@ConditionalOnStore(StoreFamily.MONGO)
class MongoTodoCollections implements MongoCollections {

    @Override
    public void create(MongoDatabase database) {
        var todos = database.getCollection("todos");
        todos.createIndex(Indexes.ascending("owner_id", "created_at", "_id"));
        // deadline_sort is the deadline, or Long.MAX_VALUE without one: the COALESCE of the SQL
        // index.
        todos.createIndex(Indexes.ascending("owner_id", "deadline_sort", "_id"));
        todos.createIndex(Indexes.ascending("owner_id", "priority", "_id"));
        todos.createIndex(Indexes.ascending("created_at", "_id"));
        // The bounding box of `near` + `within_m` (V4__todo_places.sql).
        todos.createIndex(Indexes.ascending("owner_id", "place_lat_e6", "place_lng_e6"));
        todos.createIndex(Indexes.ascending("place_lat_e6", "place_lng_e6"));
        todos.createIndex(Indexes.geo2dsphere("place_point"));
        // A visit's _id is its to-do and arrival time (V5__todo_visits.sql's primary key).
        database.getCollection("todo_visits")
                .createIndex(Indexes.ascending("todo_id", "arrived_at"));
    }
}
