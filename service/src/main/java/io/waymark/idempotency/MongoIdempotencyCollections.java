package io.waymark.idempotency;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.waymark.store.ConditionalOnStore;
import io.waymark.store.MongoCollections;
import io.waymark.store.StoreFamily;
import org.springframework.stereotype.Component;

/**
 * Idempotency keys on MongoDB: one per owner and key (the store relies on it being unique), and by
 * age for the purge.
 */
@Component
@ConditionalOnStore(StoreFamily.MONGO)
class MongoIdempotencyCollections implements MongoCollections {

    @Override
    public void create(MongoDatabase database) {
        var keys = database.getCollection("idempotency_keys");
        keys.createIndex(
                Indexes.ascending("owner_id", "idem_key"), new IndexOptions().unique(true));
        keys.createIndex(Indexes.ascending("created_at"));
    }
}
