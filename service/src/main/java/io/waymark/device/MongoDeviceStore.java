package io.waymark.device;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.waymark.store.ConditionalOnStore;
import io.waymark.store.Cursor;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import io.waymark.store.StoreFamily;
import io.waymark.user.UserDeleted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Repository;

@Repository
@ConditionalOnStore(StoreFamily.MONGO)
class MongoDeviceStore implements DeviceStore {

    private final MongoCollection<Document> devices;

    MongoDeviceStore(MongoDatabase database) {
        this.devices = database.getCollection("devices");
    }

    @Override
    public void insert(Device device) {
        devices.insertOne(
                new Document("_id", device.id())
                        .append("user_id", device.userId())
                        .append("name", device.name())
                        .append("key_hash", device.keyHash())
                        .append("created_at", device.createdAt().toEpochMilli()));
    }

    @Override
    public Optional<Device> findById(String id) {
        return Optional.ofNullable(devices.find(eq("_id", id)).first())
                .map(MongoDeviceStore::device);
    }

    @Override
    public List<Device> findByIds(Collection<String> ids) {
        return devices.find(in("_id", List.copyOf(ids)))
                .map(MongoDeviceStore::device)
                .into(new ArrayList<>());
    }

    /** The database reads from the primary, so a key just deleted is not found again. */
    @Override
    public Optional<Device> findByKeyHash(String keyHash) {
        return Optional.ofNullable(devices.find(eq("key_hash", keyHash)).first())
                .map(MongoDeviceStore::device);
    }

    @Override
    public Page<Device> list(String userId, PageRequest page) {
        List<Bson> filters = new ArrayList<>();
        if (userId != null) {
            filters.add(eq("user_id", userId));
        }
        if (page.after() != null) {
            long createdAt = page.after().longValue(0, 2);
            String id = page.after().value(1, 2);
            filters.add(gte("created_at", createdAt));
            filters.add(or(gt("created_at", createdAt), gt("_id", id)));
        }
        var rows =
                devices.find(filters.isEmpty() ? new Document() : and(filters))
                        .sort(Sorts.ascending("created_at", "_id"))
                        .limit(page.fetchSize())
                        .map(MongoDeviceStore::device)
                        .into(new ArrayList<>());
        return Page.of(
                rows,
                page.limit(),
                device -> Cursor.of(device.createdAt().toEpochMilli(), device.id()));
    }

    @Override
    public boolean delete(String id) {
        return devices.deleteOne(eq("_id", id)).getDeletedCount() > 0;
    }

    /** MongoDB has no foreign keys to cascade a user's deletion; the SQL stores do. */
    @EventListener
    void on(UserDeleted event) {
        devices.deleteMany(eq("user_id", event.userId()));
    }

    private static Device device(Document d) {
        return new Device(
                d.getString("_id"),
                d.getString("user_id"),
                d.getString("name"),
                d.getString("key_hash"),
                Instant.ofEpochMilli(d.getLong("created_at")));
    }
}
