package io.waymark.location;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import io.waymark.store.ConditionalOnStore;
import io.waymark.store.MongoCollections;
import io.waymark.store.StoreFamily;
import org.springframework.stereotype.Component;

/** The pings on MongoDB: a user's track, newest first. */
@Component
@ConditionalOnStore(StoreFamily.MONGO)
class MongoLocationCollections implements MongoCollections {

    @Override
    public void create(MongoDatabase database) {
        database.getCollection("locations")
                .createIndex(
                        Indexes.compoundIndex(
                                Indexes.ascending("user_id"),
                                Indexes.descending("recorded_at", "_id")));
    }
}
