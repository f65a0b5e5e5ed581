package io.waymark.todo;

import io.waymark.shared.Coordinate;
import io.waymark.shared.GreatCircle;
import io.waymark.store.ConditionalOnStore;
import io.waymark.store.JdbcClients;
import io.waymark.store.Keyset;
import io.waymark.store.Page;
import io.waymark.store.StoreFamily;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/**
 * SQLite and PostgreSQL. Deleting a user deletes their to-dos through the foreign key's ON DELETE
 * CASCADE.
 */
@Repository
@ConditionalOnStore(StoreFamily.JDBC)
class JdbcTodoStore implements TodoStore {

    private static final String COLUMNS =
            "id, owner_id, title, description, deadline, status, priority, created_at, updated_at, version,"
                    + " place_lat_e6, place_lng_e6, place_radius_m, place_label, start_on_arrival, last_arrived_at";

    /**
     * The sort expressions; the deadline one is the expression the todos_owner_deadline index is
     * built on.
     */
    private static final Map<TodoSort, String> SORT_EXPRESSIONS =
            Map.of(
                    TodoSort.CREATED_AT, "created_at",
                    TodoSort.PRIORITY, "priority",
                    TodoSort.DEADLINE, "COALESCE(deadline, " + Todo.NO_DEADLINE + ")");

    private final JdbcClients jdbc;

    JdbcTodoStore(JdbcClients jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Todo todo) {
        jdbc.writes()
                .sql(
                        """
                INSERT INTO todos (id, owner_id, title, description, deadline, status, priority, created_at, updated_at,
                                   version, search_text, place_lat_e6, place_lng_e6, place_radius_m, place_label,
                                   start_on_arrival, last_arrived_at)
                VALUES (:id, :ownerId, :title, :description, :deadline, :status, :priority, :createdAt, :updatedAt,
                        :version, :searchText, :placeLatE6, :placeLngE6, :placeRadiusM, :placeLabel,
                        :startOnArrival, :lastArrivedAt)""")
                .params(columns(todo))
                .update();
    }

    @Override
    public Optional<Todo> findById(String id) {
        return jdbc.reads()
                .sql("SELECT " + COLUMNS + " FROM todos WHERE id = :id")
                .param("id", id)
                .query(JdbcTodoStore::row)
                .optional();
    }

    @Override
    public Page<Todo> list(TodoQuery query) {
        // Only fixed fragments are joined here; every value travels as a named parameter.
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        filter(query, conditions, params);
        String sortKey = SORT_EXPRESSIONS.get(query.sort());
        String direction = query.descending() ? "DESC" : "ASC";
        Keyset.Position after = query.after();
        if (after != null) {
            String beyond = query.descending() ? "<" : ">";
            conditions.add(
                    "("
                            + sortKey
                            + " "
                            + beyond
                            + " :afterKey OR ("
                            + sortKey
                            + " = :afterKey AND id "
                            + beyond
                            + " :afterId))");
            params.put("afterKey", after.key());
            params.put("afterId", after.id());
        }
        params.put("limit", query.page().fetchSize());
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        List<Todo> rows =
                jdbc.reads()
                        .sql(
                                "SELECT "
                                        + COLUMNS
                                        + " FROM todos"
                                        + where
                                        + " ORDER BY "
                                        + sortKey
                                        + " "
                                        + direction
                                        + ", id "
                                        + direction
                                        + " LIMIT :limit")
                        .params(params)
                        .query(JdbcTodoStore::row)
                        .list();
        return query.keyset().page(rows, query.page());
    }

    @Override
    public List<Todo> matching(TodoQuery query, GreatCircle.Box box) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        filter(query, conditions, params);
        if (box != null) {
            // Served by todos_owner_place (or todos_place for an admin's list of everyone's).
            conditions.add(
                    "place_lat_e6 BETWEEN :minLat AND :maxLat AND place_lng_e6 BETWEEN :minLng AND :maxLng");
            params.put("minLat", box.minLatE6());
            params.put("maxLat", box.maxLatE6());
            params.put("minLng", box.minLngE6());
            params.put("maxLng", box.maxLngE6());
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return jdbc.reads()
                .sql("SELECT " + COLUMNS + " FROM todos" + where)
                .params(params)
                .query(JdbcTodoStore::row)
                .list();
    }

    /** The query's filters (owner, status, due_before, q), shared by both kinds of list. */
    private static void filter(
            TodoQuery query, List<String> conditions, Map<String, Object> params) {
        if (query.ownerId() != null) {
            conditions.add("owner_id = :ownerId");
            params.put("ownerId", query.ownerId());
        }
        if (query.status() != null) {
            conditions.add("status = :status");
            params.put("status", query.status().wireName());
        }
        if (query.dueBefore() != null) {
            conditions.add("deadline < :dueBefore");
            params.put("dueBefore", query.dueBefore().toEpochMilli());
        }
        if (query.search() != null) {
            conditions.add("search_text LIKE :pattern ESCAPE '\\'");
            params.put("pattern", "%" + escapeLike(query.search()) + "%");
        }
    }

    @Override
    public boolean update(Todo todo, long expectedVersion) {
        return jdbc.writes()
                        .sql(
                                """
                UPDATE todos SET title = :title, description = :description, deadline = :deadline, status = :status,
                       priority = :priority, updated_at = :updatedAt, version = :version, search_text = :searchText,
                       place_lat_e6 = :placeLatE6, place_lng_e6 = :placeLngE6, place_radius_m = :placeRadiusM,
                       place_label = :placeLabel, start_on_arrival = :startOnArrival, last_arrived_at = :lastArrivedAt
                WHERE id = :id AND version = :expectedVersion""")
                        .params(columns(todo))
                        .param("expectedVersion", expectedVersion)
                        .update()
                == 1;
    }

    @Override
    public boolean delete(String id, long expectedVersion) {
        return jdbc.writes()
                        .sql("DELETE FROM todos WHERE id = :id AND version = :version")
                        .param("id", id)
                        .param("version", expectedVersion)
                        .update()
                == 1;
    }

    /** LIKE treats % and _ as wildcards; a search for "50%" means the text "50%". */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Map<String, Object> columns(Todo todo) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("id", todo.id());
        columns.put("ownerId", todo.ownerId());
        columns.put("title", todo.title());
        columns.put("description", todo.description());
        columns.put("deadline", todo.deadline() == null ? null : todo.deadline().toEpochMilli());
        columns.put("status", todo.status().wireName());
        columns.put("priority", todo.priority());
        columns.put("createdAt", todo.createdAt().toEpochMilli());
        columns.put("updatedAt", todo.updatedAt().toEpochMilli());
        columns.put("version", todo.version());
        columns.put("searchText", todo.searchText());
        Place place = todo.place();
        columns.put("placeLatE6", place == null ? null : place.centre().latE6());
        columns.put("placeLngE6", place == null ? null : place.centre().lngE6());
        columns.put("placeRadiusM", place == null ? null : place.radiusM());
        columns.put("placeLabel", place == null ? null : place.label());
        columns.put("startOnArrival", todo.startOnArrival() ? 1 : 0);
        columns.put(
                "lastArrivedAt",
                todo.lastArrivedAt() == null ? null : todo.lastArrivedAt().toEpochMilli());
        return columns;
    }

    private static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static Place place(ResultSet rs) throws SQLException {
        int lat = rs.getInt("place_lat_e6");
        if (rs.wasNull()) {
            return null;
        }
        return new Place(
                new Coordinate(lat, rs.getInt("place_lng_e6")),
                rs.getInt("place_radius_m"),
                rs.getString("place_label"));
    }

    private static Todo row(ResultSet rs, int rowNum) throws SQLException {
        long deadline = rs.getLong("deadline");
        Instant deadlineOrNull = rs.wasNull() ? null : Instant.ofEpochMilli(deadline);
        return new Todo(
                rs.getString("id"),
                rs.getString("owner_id"),
                rs.getString("title"),
                rs.getString("description"),
                deadlineOrNull,
                TodoStatus.parse("status", rs.getString("status")),
                rs.getInt("priority"),
                place(rs),
                rs.getInt("start_on_arrival") != 0,
                instantOrNull(rs, "last_arrived_at"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                rs.getLong("version"));
    }
}
