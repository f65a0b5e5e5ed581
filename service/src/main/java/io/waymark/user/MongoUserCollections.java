package io.waymark.user;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.waymark.store.ConditionalOnStore;
import io.waymark.store.MongoCollections;
import io.waymark.store.StoreFamily;
import org.springframework.stereotype.Component;

/** The users collection on MongoDB: user names unique (by their folded key), and by role. */
@Component
@ConditionalOnStore(StoreFamily.MONGO)
class MongoUserCollections implements MongoCollections {

    @Override
    public void create(MongoDatabase database) {
        var users = database.getCollection("users");
        users.createIndex(Indexes.ascending("user_name_key"), new IndexOptions().unique(true));
        users.createIndex(Indexes.ascending("role"));
    }
}
