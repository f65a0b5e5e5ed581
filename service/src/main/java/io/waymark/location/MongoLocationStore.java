package io.waymark.location;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import io.waymark.store.ConditionalOnStore;
import io.waymark.store.Keyset;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import io.waymark.store.StoreFamily;
import io.waymark.user.UserDeleted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Repository;

@Repository
@ConditionalOnStore(StoreFamily.MONGO)
class MongoLocationStore implements LocationStore {

    /** Newest first; exactly the order of the (user_id, recorded_at -1, _id -1) index. */
    private static final Bson NEWEST_FIRST = Sorts.descending("recorded_at", "_id");

    private static final int DUPLICATE_KEY = 11000;

    private final MongoCollection<Document> locations;

    MongoLocationStore(MongoDatabase database) {
        this.locations = database.getCollection("locations");
    }

    /**
     * Without multi-document transactions (DocumentDB and standalone servers lack them)
     * all-or-nothing rests on two things: the service validates the whole batch before calling
     * this, and an ordered insertMany that still fails part way (a duplicate id, a lost primary) is
     * undone by deleting the documents it had inserted before the failure.
     */
    @Override
    public void insertAll(List<Location> batch) {
        try {
            locations.insertMany(batch.stream().map(MongoLocationStore::document).toList());
        } catch (MongoBulkWriteException e) {
            int inserted =
                    e.getWriteErrors().isEmpty()
                            ? batch.size()
                            : e.getWriteErrors().getFirst().getIndex();
            List<String> ids = batch.subList(0, inserted).stream().map(Location::id).toList();
            if (!ids.isEmpty()) {
                locations.deleteMany(in("_id", ids));
            }
            throw e;
        }
    }

    /**
     * Unordered, so every new fix is stored whatever its neighbours; duplicates of the sparse
     * unique index on device_fix (code 11000) are the resends to skip, any other error is real.
     */
    @Override
    public int insertNew(List<Location> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            return locations
                    .insertMany(
                            batch.stream().map(MongoLocationStore::document).toList(),
                            new InsertManyOptions().ordered(false))
                    .getInsertedIds()
                    .size();
        } catch (MongoBulkWriteException e) {
            boolean onlyResends =
                    e.getWriteErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY);
            if (!onlyResends || e.getWriteConcernError() != null) {
                throw e;
            }
            return e.getWriteResult().getInsertedCount();
        }
    }

    /**
     * One indexed find-first per user; a $group over the collection would read every ping of those
     * users.
     */
    @Override
    public List<Location> latest(List<String> userIds) {
        List<Location> latest = new ArrayList<>();
        for (String userId : userIds) {
            Optional.ofNullable(
                            locations
                                    .find(eq("user_id", userId))
                                    .sort(NEWEST_FIRST)
                                    .limit(1)
                                    .first())
                    .map(MongoLocationStore::location)
                    .ifPresent(latest::add);
        }
        return latest;
    }

    @Override
    public List<Location> byIds(String userId, List<String> ids) {
        List<Location> found = new ArrayList<>();
        locations
                .find(and(eq("user_id", userId), in("_id", ids)))
                .map(MongoLocationStore::location)
                .into(found);
        return found;
    }

    @Override
    public Page<Location> track(String userId, Instant from, Instant to, PageRequest page) {
        List<Bson> filters = new ArrayList<>(List.of(eq("user_id", userId)));
        if (from != null) {
            filters.add(gte("recorded_at", from.toEpochMilli()));
        }
        if (to != null) {
            filters.add(lt("recorded_at", to.toEpochMilli()));
        }
        Keyset.Position after = TRACK.after(page);
        if (after != null) {
            long recordedAt = after.key();
            String id = after.id();
            // The plain bound gives the index scan its starting point; the OR only settles ties on
            // recorded_at.
            filters.add(lte("recorded_at", recordedAt));
            filters.add(or(lt("recorded_at", recordedAt), lt("_id", id)));
        }
        var rows =
                locations
                        .find(and(filters))
                        .sort(NEWEST_FIRST)
                        .limit(page.fetchSize())
                        .map(MongoLocationStore::location)
                        .into(new ArrayList<>());
        return TRACK.page(rows, page);
    }

    /**
     * A cursor, fetched {@link #EXPORT_BATCH} documents per round trip; between round trips the
     * server keeps the cursor, not a connection of the pool.
     */
    @Override
    public void eachOldestFirst(String userId, Instant from, Instant to, Consumer<Location> each) {
        List<Bson> filters = new ArrayList<>(List.of(eq("user_id", userId)));
        if (from != null) {
            filters.add(gte("recorded_at", from.toEpochMilli()));
        }
        if (to != null) {
            filters.add(lt("recorded_at", to.toEpochMilli()));
        }
        try (MongoCursor<Document> cursor =
                locations
                        .find(and(filters))
                        .sort(Sorts.ascending("recorded_at", "_id"))
                        .batchSize(EXPORT_BATCH)
                        .cursor()) {
            cursor.forEachRemaining(document -> each.accept(location(document)));
        }
    }

    @Override
    public long deleteByUser(String userId) {
        return locations.deleteMany(eq("user_id", userId)).getDeletedCount();
    }

    /**
     * MongoDB has no foreign keys to cascade a user's deletion; the SQL stores do it in the schema.
     */
    @EventListener
    void on(UserDeleted event) {
        deleteByUser(event.userId());
    }

    private static Document document(Location location) {
        Document document =
                new Document("_id", location.id())
                        .append("user_id", location.userId())
                        .append("lat_e6", location.latE6())
                        .append("lng_e6", location.lngE6())
                        .append("accuracy_m", location.accuracyM())
                        .append("recorded_at", location.recordedAt().toEpochMilli())
                        .append("created_at", location.createdAt().toEpochMilli())
                        .append("device_id", location.deviceId())
                        .append("battery_pct", location.batteryPct())
                        .append("speed_mps", location.speedMps())
                        .append("heading_deg", location.headingDeg())
                        .append("altitude_m", location.altitudeM());
        // Absent, not null, without a device: a sparse index skips only absent fields.
        if (location.deviceId() != null) {
            document.append(
                    "device_fix", location.deviceId() + "/" + location.recordedAt().toEpochMilli());
        }
        return document;
    }

    private static Location location(Document d) {
        return new Location(
                d.getString("_id"),
                d.getString("user_id"),
                d.getInteger("lat_e6"),
                d.getInteger("lng_e6"),
                d.getDouble("accuracy_m"),
                Instant.ofEpochMilli(d.getLong("recorded_at")),
                Instant.ofEpochMilli(d.getLong("created_at")),
                d.getString("device_id"),
                d.getDouble("battery_pct"),
                d.getDouble("speed_mps"),
                d.getDouble("heading_deg"),
                d.getDouble("altitude_m"));
    }
}
