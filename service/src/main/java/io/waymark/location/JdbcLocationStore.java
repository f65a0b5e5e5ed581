package io.waymark.location;

import io.waymark.store.ConditionalOnStore;
import io.waymark.store.JdbcClients;
import io.waymark.store.Keyset;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import io.waymark.store.StoreFamily;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
@ConditionalOnStore(StoreFamily.JDBC)
class JdbcLocationStore implements LocationStore {

    private static final String COLUMNS =
            "id, user_id, lat_e6, lng_e6, accuracy_m, recorded_at, created_at, device_id,"
                    + " battery_pct, speed_mps, heading_deg, altitude_m";

    private static final String INSERT =
            "INSERT INTO locations ("
                    + COLUMNS
                    + ") VALUES (:id, :userId, :latE6, :lngE6, :accuracyM, :recordedAt, :createdAt,"
                    + " :deviceId, :batteryPct, :speedMps, :headingDeg, :altitudeM)";

    /**
     * Newest first; exactly the order of index locations_user_recorded, so no sort step is needed.
     */
    private static final String NEWEST_FIRST = " ORDER BY recorded_at DESC, id DESC";

    /**
     * Keyset pagination: the rows strictly before the position (recorded_at, id) in newest-first
     * order, where the position is the cursor or the exclusive {@code to}. The plain {@code
     * recorded_at <=} bound is what lets the index range start at the position, so page 100 costs
     * what page 1 costs; the OR only settles ties.
     */
    static final String TRACK_SQL =
            "SELECT "
                    + COLUMNS
                    + """
             FROM locations
            WHERE user_id = :userId AND recorded_at >= :from AND recorded_at <= :beforeRecordedAt
              AND (recorded_at < :beforeRecordedAt OR id < :beforeId)
            """
                    + NEWEST_FIRST
                    + " LIMIT :limit";

    /**
     * A download's batch: the rows strictly after the position (recorded_at, id) in oldest-first
     * order, up to the exclusive {@code to}; the same index read backwards, as the track pages read
     * it forwards. Keyset batches rather than one long cursor: a PostgreSQL cursor needs a
     * transaction open (and a pooled connection held) for as long as the client takes to read the
     * whole download, and SQLite's rollback-journal mode shares its one connection with every
     * writer.
     */
    static final String OLDEST_FIRST_SQL =
            "SELECT "
                    + COLUMNS
                    + """
             FROM locations
            WHERE user_id = :userId AND recorded_at >= :afterRecordedAt AND recorded_at < :to
              AND (recorded_at > :afterRecordedAt OR id > :afterId)
            ORDER BY recorded_at ASC, id ASC LIMIT :limit""";

    private final JdbcClients jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final TransactionTemplate transaction;

    JdbcLocationStore(
            JdbcClients jdbc,
            NamedParameterJdbcTemplate batch,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void insertAll(List<Location> locations) {
        SqlParameterSource[] rows =
                locations.stream()
                        .map(JdbcLocationStore::columns)
                        .toArray(SqlParameterSource[]::new);
        // One JDBC batch in one transaction: a 1,000-ping upload is one round trip and lands whole
        // or not at all.
        transaction.executeWithoutResult(status -> batch.batchUpdate(INSERT, rows));
    }

    /**
     * ON CONFLICT DO NOTHING (SQLite 3.24+ and PostgreSQL alike): a fix already stored for the same
     * device and instant (unique index locations_device_recorded) is skipped, the rest stored in
     * the same one transaction.
     */
    @Override
    public int insertNew(List<Location> locations) {
        SqlParameterSource[] rows =
                locations.stream()
                        .map(JdbcLocationStore::columns)
                        .toArray(SqlParameterSource[]::new);
        int[] counts =
                transaction.execute(
                        status -> batch.batchUpdate(INSERT + " ON CONFLICT DO NOTHING", rows));
        return IntStream.of(counts).map(count -> Math.max(count, 0)).sum();
    }

    @Override
    public List<Location> latest(List<String> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        var query = jdbc.reads().sql(latestSql(userIds.size()));
        for (int i = 0; i < userIds.size(); i++) {
            query = query.param("u" + i, userIds.get(i));
        }
        return query.query(JdbcLocationStore::row).list();
    }

    /**
     * One LIMIT 1 subquery per user, glued with UNION ALL: each is a single seek on
     * locations_user_recorded on both SQLite and PostgreSQL, and all of them travel in one round
     * trip. (A GROUP BY user_id with MAX would read every ping of those users.)
     */
    static String latestSql(int users) {
        return IntStream.range(0, users)
                .mapToObj(
                        i ->
                                "SELECT * FROM (SELECT "
                                        + COLUMNS
                                        + " FROM locations WHERE user_id = :u"
                                        + i
                                        + NEWEST_FIRST
                                        + " LIMIT 1) AS l"
                                        + i)
                .collect(Collectors.joining(" UNION ALL "));
    }

    @Override
    public List<Location> byIds(String userId, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.reads()
                .sql(
                        "SELECT "
                                + COLUMNS
                                + " FROM locations WHERE user_id = :userId AND id IN (:ids)")
                .param("userId", userId)
                .param("ids", ids)
                .query(JdbcLocationStore::row)
                .list();
    }

    @Override
    public Page<Location> track(String userId, Instant from, Instant to, PageRequest page) {
        // Every id is longer than "", so (to, "") excludes exactly the rows recorded at `to` and
        // later.
        long beforeRecordedAt = to == null ? Long.MAX_VALUE : to.toEpochMilli();
        String beforeId = "";
        Keyset.Position after = TRACK.after(page);
        if (after != null && after.key() < beforeRecordedAt) {
            beforeRecordedAt = after.key();
            beforeId = after.id();
        }
        var rows =
                jdbc.reads()
                        .sql(TRACK_SQL)
                        .param("userId", userId)
                        .param("from", from == null ? Long.MIN_VALUE : from.toEpochMilli())
                        .param("beforeRecordedAt", beforeRecordedAt)
                        .param("beforeId", beforeId)
                        .param("limit", page.fetchSize())
                        .query(JdbcLocationStore::row)
                        .list();
        return TRACK.page(rows, page);
    }

    @Override
    public void eachOldestFirst(String userId, Instant from, Instant to, Consumer<Location> each) {
        long afterRecordedAt = from == null ? Long.MIN_VALUE : from.toEpochMilli();
        // Every id is longer than "", so the first batch includes the rows recorded at `from`.
        String afterId = "";
        long end = to == null ? Long.MAX_VALUE : to.toEpochMilli();
        List<Location> batch;
        do {
            batch =
                    jdbc.reads()
                            .sql(OLDEST_FIRST_SQL)
                            .param("userId", userId)
                            .param("afterRecordedAt", afterRecordedAt)
                            .param("afterId", afterId)
                            .param("to", end)
                            .param("limit", EXPORT_BATCH)
                            .query(JdbcLocationStore::row)
                            .list();
            batch.forEach(each);
            if (!batch.isEmpty()) {
                Location last = batch.getLast();
                afterRecordedAt = last.recordedAt().toEpochMilli();
                afterId = last.id();
            }
        } while (batch.size() == EXPORT_BATCH);
    }

    @Override
    public long deleteByUser(String userId) {
        return jdbc.writes()
                .sql("DELETE FROM locations WHERE user_id = :userId")
                .param("userId", userId)
                .update();
    }

    private static SqlParameterSource columns(Location location) {
        return new MapSqlParameterSource()
                .addValue("id", location.id())
                .addValue("userId", location.userId())
                .addValue("latE6", location.latE6())
                .addValue("lngE6", location.lngE6())
                .addValue("accuracyM", location.accuracyM(), Types.DOUBLE)
                .addValue("recordedAt", location.recordedAt().toEpochMilli())
                .addValue("createdAt", location.createdAt().toEpochMilli())
                .addValue("deviceId", location.deviceId(), Types.VARCHAR)
                .addValue("batteryPct", location.batteryPct(), Types.DOUBLE)
                .addValue("speedMps", location.speedMps(), Types.DOUBLE)
                .addValue("headingDeg", location.headingDeg(), Types.DOUBLE)
                .addValue("altitudeM", location.altitudeM(), Types.DOUBLE);
    }

    private static Location row(ResultSet rs, int rowNum) throws SQLException {
        return new Location(
                rs.getString("id"),
                rs.getString("user_id"),
                rs.getInt("lat_e6"),
                rs.getInt("lng_e6"),
                nullableDouble(rs, "accuracy_m"),
                Instant.ofEpochMilli(rs.getLong("recorded_at")),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getString("device_id"),
                nullableDouble(rs, "battery_pct"),
                nullableDouble(rs, "speed_mps"),
                nullableDouble(rs, "heading_deg"),
                nullableDouble(rs, "altitude_m"));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
