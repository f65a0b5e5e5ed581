package io.waymark.todo;

import io.waymark.store.Page;
import java.util.Optional;

/**
 * Where to-dos live. One implementation per store family ({@link JdbcTodoStore}, {@link
 * MongoTodoStore}); the behaviour every implementation must have is specified by {@code
 * TodoStoreContractTest}.
 */
interface TodoStore {

    void insert(Todo todo);

    Optional<Todo> findById(String id);

    /**
     * One page of the to-dos matching the query, in its order (a to-do without a deadline sorts
     * last).
     */
    Page<Todo> list(TodoQuery query);

    /**
     * Replaces a to-do if it is still at {@code expectedVersion}; false when it changed or vanished
     * meanwhile.
     */
    boolean update(Todo todo, long expectedVersion);

    /** Deletes a to-do if it is still at {@code expectedVersion}; false otherwise. */
    boolean delete(String id, long expectedVersion);
}
