package io.waymark.todo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.waymark.shared.IdGenerator;
import io.waymark.shared.StoreUnavailableException;
import io.waymark.store.ConditionalOnStore;
import io.waymark.store.StoreFamily;
import io.waymark.user.UserDeleted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
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

    /**
     * How long a lease holds if its holder dies before releasing it; a replay takes milliseconds.
     */
    static final Duration LEASE = Duration.ofSeconds(30);

    /** How long a replay waits its turn before giving up (503: the store is too busy). */
    static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private static final long RETRY_NANOS = Duration.ofMillis(5).toNanos();

    private final MongoCollection<Document> visits;
    private final MongoCollection<Document> locks;
    private final Clock clock;
    private final IdGenerator ids;

    MongoVisitStore(MongoDatabase database, Clock clock, IdGenerator ids) {
        this.visits = database.getCollection("todo_visits");
        this.locks = database.getCollection("visit_locks");
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * A lease: a document per user in {@code visit_locks}, inserted to take it (the _id makes one
     * holder), taken over once expired, deleted by its holder. MongoDB without a replica set (and
     * the test server) has no transactions to lock with.
     */
    @Override
    public void oneAtATime(String userId, Runnable work) {
        String holder = ids.newId();
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (!take(userId, holder)) {
            if (System.nanoTime() > deadline) {
                throw new StoreUnavailableException();
            }
            LockSupport.parkNanos(RETRY_NANOS);
        }
        try {
            work.run();
        } finally {
            locks.deleteOne(and(eq("_id", userId), eq("holder", holder)));
        }
    }

    private boolean take(String userId, String holder) {
        long now = clock.millis();
        Document lease =
                new Document("_id", userId)
                        .append("holder", holder)
                        .append("until", now + LEASE.toMillis());
        try {
            locks.insertOne(lease);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return locks.replaceOne(and(eq("_id", userId), lt("until", now)), lease)
                            .getModifiedCount()
                    == 1;
        }
    }

    @Override
    public Map<String, List<Visit>> ofEach(Collection<String> todoIds) {
        if (todoIds.isEmpty()) {
            return Map.of();
        }
        return visits
                .find(in("todo_id", todoIds))
                .sort(Sorts.ascending("todo_id", "arrived_at"))
                .map(
                        d ->
                                new Visit(
                                        d.getString("todo_id"),
                                        Instant.ofEpochMilli(d.getLong("arrived_at")),
                                        d.getLong("left_at") == null
                                                ? null
                                                : Instant.ofEpochMilli(d.getLong("left_at"))))
                .into(new ArrayList<>())
                .stream()
                .collect(Collectors.groupingBy(Visit::todoId));
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
