package io.waymark.todo;

import io.waymark.shared.GreatCircle;
import io.waymark.store.Page;
import java.util.List;
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
     * Every to-do matching the query's filters (owner, status, due_before, q; not its order or
     * page) whose place lies in {@code box}, or every one, with or without a place, when {@code
     * box} is {@code null}. An index on the place's coordinates serves the box.
     */
    List<Todo> matching(TodoQuery query, GreatCircle.Box box);

    /**
     * Replaces a to-do if it is still at {@code expectedVersion}; false when it changed or vanished
     * meanwhile.
     */
    boolean update(Todo todo, long expectedVersion);

    /** Deletes a to-do if it is still at {@code expectedVersion}; false otherwise. */
    boolean delete(String id, long expectedVersion);
}
