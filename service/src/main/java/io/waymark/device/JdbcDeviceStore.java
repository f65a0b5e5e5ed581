package io.waymark.device;

import io.waymark.store.ConditionalOnStore;
import io.waymark.store.Cursor;
import io.waymark.store.JdbcClients;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import io.waymark.store.StoreFamily;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/** Devices on SQLite and PostgreSQL; a user's deletion cascades to them through the foreign key. */
@Repository
@ConditionalOnStore(StoreFamily.JDBC)
class JdbcDeviceStore implements DeviceStore {

    private static final String COLUMNS = "id, user_id, name, key_hash, created_at";

    private final JdbcClients jdbc;

    JdbcDeviceStore(JdbcClients jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Device device) {
        jdbc.writes()
                .sql(
                        "INSERT INTO devices ("
                                + COLUMNS
                                + ") VALUES (:id, :userId, :name, :keyHash, :createdAt)")
                .param("id", device.id())
                .param("userId", device.userId())
                .param("name", device.name())
                .param("keyHash", device.keyHash())
                .param("createdAt", device.createdAt().toEpochMilli())
                .update();
    }

    @Override
    public Optional<Device> findById(String id) {
        return jdbc.reads()
                .sql("SELECT " + COLUMNS + " FROM devices WHERE id = :id")
                .param("id", id)
                .query(JdbcDeviceStore::row)
                .optional();
    }

    @Override
    public List<Device> findByIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.reads()
                .sql("SELECT " + COLUMNS + " FROM devices WHERE id IN (:ids)")
                .param("ids", List.copyOf(ids))
                .query(JdbcDeviceStore::row)
                .list();
    }

    /**
     * From the writer, not a read replica: a key just deleted must not be found again on a lagging
     * replica.
     */
    @Override
    public Optional<Device> findByKeyHash(String keyHash) {
        return jdbc.writes()
                .sql("SELECT " + COLUMNS + " FROM devices WHERE key_hash = :keyHash")
                .param("keyHash", keyHash)
                .query(JdbcDeviceStore::row)
                .optional();
    }

    @Override
    public Page<Device> list(String userId, PageRequest page) {
        long afterCreated = Long.MIN_VALUE;
        String afterId = "";
        if (page.after() != null) {
            afterCreated = page.after().longValue(0, 2);
            afterId = page.after().value(1, 2);
        }
        String owner = userId == null ? "" : "user_id = :userId AND ";
        var query =
                jdbc.reads()
                        .sql(
                                "SELECT "
                                        + COLUMNS
                                        + " FROM devices WHERE "
                                        + owner
                                        + "created_at >= :afterCreated"
                                        + " AND (created_at > :afterCreated OR id > :afterId)"
                                        + " ORDER BY created_at, id LIMIT :limit")
                        .param("afterCreated", afterCreated)
                        .param("afterId", afterId)
                        .param("limit", page.fetchSize());
        if (userId != null) {
            query = query.param("userId", userId);
        }
        return Page.of(
                query.query(JdbcDeviceStore::row).list(),
                page.limit(),
                device -> Cursor.of(device.createdAt().toEpochMilli(), device.id()));
    }

    @Override
    public boolean delete(String id) {
        return jdbc.writes().sql("DELETE FROM devices WHERE id = :id").param("id", id).update() > 0;
    }

    private static Device row(ResultSet rs, int rowNum) throws SQLException {
        return new Device(
                rs.getString("id"),
                rs.getString("user_id"),
                rs.getString("name"),
                rs.getString("key_hash"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
