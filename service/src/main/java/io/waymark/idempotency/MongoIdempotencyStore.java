package io.waymark.idempotency;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.waymark.store.ConditionalOnStore;
import io.waymark.store.DatabaseErrors;
import io.waymark.store.StoreFamily;
import io.waymark.user.UserDeleted;
import java.time.Instant;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Repository;

/** Relies on the unique (owner_id, idem_key) index made by {@link MongoIdempotencyCollections}. */
@Repository
@ConditionalOnStore(StoreFamily.MONGO)
class MongoIdempotencyStore implements IdempotencyStore {

    private final MongoCollection<Document> keys;

    MongoIdempotencyStore(MongoDatabase database) {
        this.keys = database.getCollection("idempotency_keys");
    }

    @Override
    public boolean claim(IdempotencyRecord claim) {
        return DatabaseErrors.insertIfAbsent(
                () ->
                        keys.insertOne(
                                new Document("owner_id", claim.ownerId())
                                        .append("idem_key", claim.key())
                                        .append("request_hash", claim.requestHash())
                                        .append("created_at", claim.createdAt().toEpochMilli())));
    }

    @Override
    public Optional<IdempotencyRecord> find(String ownerId, String key) {
        return Optional.ofNullable(
                        keys.find(and(eq("owner_id", ownerId), eq("idem_key", key))).first())
                .map(MongoIdempotencyStore::record);
    }

    @Override
    public boolean complete(IdempotencyRecord completed) {
        return keys.updateOne(
                                and(thisRecord(completed), eq("response_status", null)),
                                Updates.combine(
                                        Updates.set("response_status", completed.responseStatus()),
                                        Updates.set(
                                                "response_headers", completed.responseHeaders()),
                                        Updates.set("response_body", completed.responseBody())))
                        .getMatchedCount()
                == 1;
    }

    @Override
    public boolean delete(IdempotencyRecord record) {
        Bson asRead =
                record.completed()
                        ? thisRecord(record)
                        : and(thisRecord(record), eq("response_status", null));
        return keys.deleteOne(asRead).getDeletedCount() == 1;
    }

    @Override
    public int deleteCreatedBefore(Instant cutoff) {
        return (int) keys.deleteMany(lt("created_at", cutoff.toEpochMilli())).getDeletedCount();
    }

    /** MongoDB has no foreign keys to cascade a user's deletion; SQL stores do it in the schema. */
    @EventListener
    void on(UserDeleted event) {
        keys.deleteMany(eq("owner_id", event.userId()));
    }

    private static Bson thisRecord(IdempotencyRecord record) {
        return and(
                eq("owner_id", record.ownerId()),
                eq("idem_key", record.key()),
                eq("request_hash", record.requestHash()),
                eq("created_at", record.createdAt().toEpochMilli()));
    }

    private static IdempotencyRecord record(Document d) {
        return new IdempotencyRecord(
                d.getString("owner_id"),
                d.getString("idem_key"),
                d.getString("request_hash"),
                Instant.ofEpochMilli(d.getLong("created_at")),
                d.getInteger("response_status"),
                d.getString("response_headers"),
                d.getString("response_body"));
    }
}
