package io.waymark.todo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.waymark.shared.Coordinate;
import io.waymark.shared.GreatCircle;
import io.waymark.store.ConditionalOnStore;
import io.waymark.store.Keyset;
import io.waymark.store.Page;
import io.waymark.store.StoreFamily;
import io.waymark.user.UserDeleted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Repository;

/**
 * MongoDB. Each document also holds {@code deadline_sort} (the deadline, or {@link
 * Todo#NO_DEADLINE}), because a MongoDB sort cannot say "missing values last" the way the SQL
 * stores' COALESCE does.
 */
@Repository
@ConditionalOnStore(StoreFamily.MONGO)
class MongoTodoStore implements TodoStore {

    private static final Map<TodoSort, String> SORT_FIELDS =
            Map.of(
                    TodoSort.CREATED_AT, "created_at",
                    TodoSort.PRIORITY, "priority",
                    TodoSort.DEADLINE, "deadline_sort");
    private static final String REGEX_SPECIALS = "\\^$.|?*+()[]{}-/";

    private final MongoCollection<Document> todos;

    MongoTodoStore(MongoDatabase database) {
        this.todos = database.getCollection("todos");
    }

    @Override
    public void insert(Todo todo) {
        todos.insertOne(document(todo));
    }

    @Override
    public Optional<Todo> findById(String id) {
        return Optional.ofNullable(todos.find(eq("_id", id)).first()).map(MongoTodoStore::todo);
    }

    @Override
    public Page<Todo> list(TodoQuery query) {
        List<Bson> conditions = filters(query);
        String sortField = SORT_FIELDS.get(query.sort());
        Keyset.Position after = query.after();
        if (after != null) {
            conditions.add(
                    query.descending()
                            ? or(
                                    lt(sortField, after.key()),
                                    and(eq(sortField, after.key()), lt("_id", after.id())))
                            : or(
                                    gt(sortField, after.key()),
                                    and(eq(sortField, after.key()), gt("_id", after.id()))));
        }
        Bson order =
                query.descending()
                        ? Sorts.descending(sortField, "_id")
                        : Sorts.ascending(sortField, "_id");
        List<Todo> rows =
                todos.find(conditions.isEmpty() ? new Document() : and(conditions))
                        .sort(order)
                        .limit(query.page().fetchSize())
                        .map(MongoTodoStore::todo)
                        .into(new ArrayList<>());
        return query.keyset().page(rows, query.page());
    }

    @Override
    public List<Todo> matching(TodoQuery query, GreatCircle.Box box) {
        List<Bson> conditions = filters(query);
        if (box != null) {
            // A box on the plain micro-degree fields, served by the (owner_id, place_lat_e6,
            // place_lng_e6) index: the MongoDB wire-protocol server the tests run has no $geoNear
            // or $nearSphere, and one path for every store keeps their answers equal.
            conditions.add(gte("place_lat_e6", (long) box.minLatE6()));
            conditions.add(lte("place_lat_e6", (long) box.maxLatE6()));
            conditions.add(gte("place_lng_e6", (long) box.minLngE6()));
            conditions.add(lte("place_lng_e6", (long) box.maxLngE6()));
        }
        return todos.find(conditions.isEmpty() ? new Document() : and(conditions))
                .map(MongoTodoStore::todo)
                .into(new ArrayList<>());
    }

    /** The query's filters (owner, status, due_before, q), shared by both kinds of list. */
    private static List<Bson> filters(TodoQuery query) {
        List<Bson> conditions = new ArrayList<>();
        if (query.ownerId() != null) {
            conditions.add(eq("owner_id", query.ownerId()));
        }
        if (query.status() != null) {
            conditions.add(eq("status", query.status().wireName()));
        }
        if (query.dueBefore() != null) {
            conditions.add(ne("deadline", null));
            conditions.add(lt("deadline", query.dueBefore().toEpochMilli()));
        }
        if (query.search() != null) {
            conditions.add(regex("search_text", quoteRegex(query.search())));
        }
        return conditions;
    }

    @Override
    public boolean update(Todo todo, long expectedVersion) {
        return todos.replaceOne(
                                and(eq("_id", todo.id()), eq("version", expectedVersion)),
                                document(todo))
                        .getMatchedCount()
                == 1;
    }

    @Override
    public boolean delete(String id, long expectedVersion) {
        return todos.deleteOne(and(eq("_id", id), eq("version", expectedVersion))).getDeletedCount()
                == 1;
    }

    /**
     * MongoDB has no foreign keys to cascade a user's deletion; the SQL stores do it in the schema.
     */
    @EventListener
    void on(UserDeleted event) {
        todos.deleteMany(eq("owner_id", event.userId()));
    }

    /** Escapes every regex metacharacter, so {@code q} is matched as plain text. */
    static String quoteRegex(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 8);
        text.codePoints()
                .forEach(
                        c -> {
                            if (REGEX_SPECIALS.indexOf(c) >= 0) {
                                quoted.append('\\');
                            }
                            quoted.appendCodePoint(c);
                        });
        return quoted.toString();
    }

    private static Document document(Todo todo) {
        // Numbers are stored as int64 throughout, so keyset comparisons never mix numeric types.
        Place place = todo.place();
        Document document =
                new Document("_id", todo.id())
                        .append("owner_id", todo.ownerId())
                        .append("title", todo.title())
                        .append("description", todo.description())
                        .append(
                                "deadline",
                                todo.deadline() == null ? null : todo.deadline().toEpochMilli())
                        .append("deadline_sort", todo.deadlineSortKey())
                        .append("status", todo.status().wireName())
                        .append("priority", (long) todo.priority())
                        .append("created_at", todo.createdAt().toEpochMilli())
                        .append("updated_at", todo.updatedAt().toEpochMilli())
                        .append("version", todo.version())
                        .append("search_text", todo.searchText())
                        .append(
                                "place_lat_e6",
                                place == null ? null : (long) place.centre().latE6())
                        .append(
                                "place_lng_e6",
                                place == null ? null : (long) place.centre().lngE6())
                        .append("place_radius_m", place == null ? null : (long) place.radiusM())
                        .append("place_label", place == null ? null : place.label())
                        .append("start_on_arrival", todo.startOnArrival())
                        .append(
                                "last_arrived_at",
                                todo.lastArrivedAt() == null
                                        ? null
                                        : todo.lastArrivedAt().toEpochMilli());
        if (place != null) {
            document.append("place_point", point(place.centre()));
        }
        return document;
    }

    /**
     * GeoJSON (longitude first) for the 2dsphere index, which DocumentDB and MongoDB serve
     * $nearSphere from; the lists read the micro-degree fields.
     */
    private static Document point(Coordinate centre) {
        return new Document("type", "Point")
                .append(
                        "coordinates",
                        List.of(centre.lng().doubleValue(), centre.lat().doubleValue()));
    }

    private static Place place(Document d) {
        Long lat = d.getLong("place_lat_e6");
        if (lat == null) {
            return null;
        }
        return new Place(
                new Coordinate(lat.intValue(), d.getLong("place_lng_e6").intValue()),
                d.getLong("place_radius_m").intValue(),
                d.getString("place_label"));
    }

    private static Todo todo(Document d) {
        Long deadline = d.getLong("deadline");
        return new Todo(
                d.getString("_id"),
                d.getString("owner_id"),
                d.getString("title"),
                d.getString("description"),
                deadline == null ? null : Instant.ofEpochMilli(deadline),
                TodoStatus.parse("status", d.getString("status")),
                d.getLong("priority").intValue(),
                place(d),
                d.getBoolean("start_on_arrival", false),
                d.getLong("last_arrived_at") == null
                        ? null
                        : Instant.ofEpochMilli(d.getLong("last_arrived_at")),
                Instant.ofEpochMilli(d.getLong("created_at")),
                Instant.ofEpochMilli(d.getLong("updated_at")),
                d.getLong("version"));
    }
}
