package io.waymark.device;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.waymark.store.ConditionalOnStore;
import io.waymark.store.MongoCollections;
import io.waymark.store.StoreFamily;
import org.springframework.stereotype.Component;

/** The devices on MongoDB: found by their key's hash, listed per user and for an admin. */
@Component
@ConditionalOnStore(StoreFamily.MONGO)
class MongoDeviceCollections implements MongoCollections {

    @Override
    public void create(MongoDatabase database) {
        var devices = database.getCollection("devices");
        devices.createIndex(Indexes.ascending("key_hash"), new IndexOptions().unique(true));
        devices.createIndex(Indexes.ascending("user_id", "created_at", "_id"));
        devices.createIndex(Indexes.ascending("created_at", "_id"));
    }
}
