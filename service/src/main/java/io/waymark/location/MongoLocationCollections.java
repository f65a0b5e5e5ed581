package io.waymark.location;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.waymark.store.ConditionalOnStore;
import io.waymark.store.MongoCollections;
import io.waymark.store.StoreFamily;
import org.springframework.stereotype.Component;

/** The pings on MongoDB: a user's track, newest first; a device's fix stored once. */
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
        // device_fix is "device id/recorded_at", present only on a device's pings: a sparse unique
        // index is what makes a resent fix a duplicate (the SQL stores' unique index on (device_id,
        // recorded_at)), and every server, DocumentDB included, has sparse indexes.
        database.getCollection("locations")
                .createIndex(
                        Indexes.ascending("device_fix"),
                        new IndexOptions().unique(true).sparse(true));
    }
}
