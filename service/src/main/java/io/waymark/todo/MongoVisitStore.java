package io.waymark.todo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.waymark.store.ConditionalOnStore;
import io.waymark.store.StoreFamily;
import io.waymark.user.UserDeleted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Repository;

/**
 * MongoDB: {@code todo_visits}, one document per visit whose {@code _id} is the to-do and the
 * arrival time, so an arrival is unique by the primary key. Each also holds its to-do's owner, for
 * the deletion of a user.
 */
@Repository
@ConditionalOnStore(StoreFamily.MONGO)
class MongoVisitStore implements VisitStore {

    private final MongoCollection<Document> visits;

    MongoVisitStore(MongoDatabase database) {
        this.visits = database.getCollection("todo_visits");
    }

    @Override
    public List<Visit> of(String todoId) {
        return visits.find(eq("todo_id", todoId))
                .sort(Sorts.ascending("arrived_at"))
                .map(
                        d ->
                                new Visit(
                                        todoId,
                                        Instant.ofEpochMilli(d.getLong("arrived_at")),
                                        d.getLong("left_at") == null
                                                ? null
                                                : Instant.ofEpochMilli(d.getLong("left_at"))))
                .into(new ArrayList<>());
    }

    @Override
    public void replaceFrom(Todo todo, Instant from, List<Visit> replacements) {
        String todoId = todo.id();
        visits.deleteMany(and(eq("todo_id", todoId), gte("arrived_at", from.toEpochMilli())));
        for (Visit visit : replacements) {
            String id = todoId + "/" + visit.arrivedAt().toEpochMilli();
            visits.replaceOne(
                    eq("_id", id),
                    new Document("_id", id)
                            .append("todo_id", todoId)
                            .append("owner_id", todo.ownerId())
                            .append("arrived_at", visit.arrivedAt().toEpochMilli())
                            .append(
                                    "left_at",
                                    visit.leftAt() == null ? null : visit.leftAt().toEpochMilli()),
                    new ReplaceOptions().upsert(true));
        }
    }

    @Override
    public void deleteOf(String todoId) {
        visits.deleteMany(eq("todo_id", todoId));
    }

    /**
     * MongoDB has no foreign keys to cascade a user's deletion; the SQL stores do it in the schema.
     */
    @EventListener
    void on(UserDeleted event) {
        visits.deleteMany(eq("owner_id", event.userId()));
    }
}
