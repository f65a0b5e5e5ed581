package io.waymark.todo;

import io.waymark.store.ConditionalOnStore;
import io.waymark.store.JdbcClients;
import io.waymark.store.StoreFamily;
import io.waymark.store.StoreTransactions;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Repository;

/**
 * SQLite and PostgreSQL: {@code todo_visits}, deleted with their to-do (and its owner) by the
 * foreign key; {@link #deleteOf} finds nothing left.
 */
@Repository
@ConditionalOnStore(StoreFamily.JDBC)
class JdbcVisitStore implements VisitStore {

    private final JdbcClients jdbc;
    private final StoreTransactions transactions;

    JdbcVisitStore(JdbcClients jdbc, StoreTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * A transaction that first writes the user's row of {@code visit_locks}: PostgreSQL holds that
     * row's lock, and SQLite its one writer's, until the transaction ends.
     */
    @Override
    public void oneAtATime(String userId, Runnable work) {
        transactions.inTransaction(
                () -> {
                    jdbc.writes()
                            .sql(
                                    """
                            INSERT INTO visit_locks (user_id, taken) VALUES (:userId, 1)
                            ON CONFLICT (user_id) DO UPDATE SET taken = visit_locks.taken + 1""")
                            .param("userId", userId)
                            .update();
                    work.run();
                    return null;
                });
    }

    @Override
    public Map<String, List<Visit>> ofEach(Collection<String> todoIds) {
        if (todoIds.isEmpty()) {
            return Map.of();
        }
        // Inside oneAtATime this sees what the replay before it committed.
        return jdbc
                .reads()
                .sql(
                        """
                        SELECT todo_id, arrived_at, left_at FROM todo_visits
                        WHERE todo_id IN (:todoIds) ORDER BY todo_id, arrived_at""")
                .param("todoIds", todoIds)
                .query(
                        (rs, n) -> {
                            long left = rs.getLong("left_at");
                            Instant leftAt = rs.wasNull() ? null : Instant.ofEpochMilli(left);
                            return new Visit(
                                    rs.getString("todo_id"),
                                    Instant.ofEpochMilli(rs.getLong("arrived_at")),
                                    leftAt);
                        })
                .list() // not stream(): that holds the connection until closed
                .stream()
                .collect(Collectors.groupingBy(Visit::todoId));
    }

    @Override
    public void replaceFrom(Todo todo, Instant from, List<Visit> visits) {
        String todoId = todo.id();
        jdbc.writes()
                .sql("DELETE FROM todo_visits WHERE todo_id = :todoId AND arrived_at >= :from")
                .param("todoId", todoId)
                .param("from", from.toEpochMilli())
                .update();
        for (Visit visit : visits) {
            // SQLite (3.24+) and PostgreSQL read this upsert alike.
            jdbc.writes()
                    .sql(
                            """
                    INSERT INTO todo_visits (todo_id, arrived_at, left_at) VALUES (:todoId, :arrivedAt, :leftAt)
                    ON CONFLICT (todo_id, arrived_at) DO UPDATE SET left_at = excluded.left_at""")
                    .param("todoId", todoId)
                    .param("arrivedAt", visit.arrivedAt().toEpochMilli())
                    .param("leftAt", visit.leftAt() == null ? null : visit.leftAt().toEpochMilli())
                    .update();
        }
    }

    @Override
    public void deleteOf(String todoId) {
        jdbc.writes()
                .sql("DELETE FROM todo_visits WHERE todo_id = :todoId")
                .param("todoId", todoId)
                .update();
    }
}
