package io.waymark.auth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.waymark.store.ConditionalOnStore;
import io.waymark.store.DatabaseErrors;
import io.waymark.store.StoreFamily;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Repository;

@Repository
@ConditionalOnStore(StoreFamily.MONGO)
class MongoSigningKeyStore implements SigningKeyStore {

    private final MongoCollection<Document> keys;

    MongoSigningKeyStore(MongoDatabase database) {
        this.keys = database.getCollection("signing_keys");
    }

    @Override
    public List<StoredKey> findAll() {
        return keys.find()
                .sort(Sorts.descending("_id"))
                .map(
                        d ->
                                new StoredKey(
                                        d.getLong("_id"),
                                        d.getString("kid"),
                                        d.getString("private_jwk"),
                                        Instant.ofEpochMilli(d.getLong("created_at"))))
                .into(new ArrayList<>());
    }

    @Override
    public boolean replaceJwk(long generation, String expected, String replacement) {
        return keys.updateOne(
                                Filters.and(
                                        Filters.eq("_id", generation),
                                        Filters.eq("private_jwk", expected)),
                                Updates.set("private_jwk", replacement))
                        .getModifiedCount()
                == 1;
    }

    @Override
    public boolean insertIfAbsent(StoredKey key) {
        // The generation is the _id, so two instances racing to create one generation cannot both
        // win.
        return DatabaseErrors.insertIfAbsent(
                () ->
                        keys.insertOne(
                                new Document("_id", key.generation())
                                        .append("kid", key.kid())
                                        .append("private_jwk", key.privateJwk())
                                        .append("created_at", key.createdAt().toEpochMilli())));
    }
}
