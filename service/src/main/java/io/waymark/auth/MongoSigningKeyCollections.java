package io.waymark.auth;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.waymark.store.ConditionalOnStore;
import io.waymark.store.MongoCollections;
import io.waymark.store.StoreFamily;
import org.springframework.stereotype.Component;

/** The signing keys on MongoDB: one document per key id. */
@Component
@ConditionalOnStore(StoreFamily.MONGO)
class MongoSigningKeyCollections implements MongoCollections {

    @Override
    public void create(MongoDatabase database) {
        database.getCollection("signing_keys")
                .createIndex(Indexes.ascending("kid"), new IndexOptions().unique(true));
    }
}
