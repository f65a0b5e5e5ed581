package io.waymark.todo;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import io.waymark.store.ConditionalOnStore;
import io.waymark.store.MongoCollections;
import io.waymark.store.StoreFamily;
import org.springframework.stereotype.Component;

/** The to-dos on MongoDB: an index per sort order of a user's list, and one for an admin's. */
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
    }
}
