package io.waymark.store;

import java.util.function.Supplier;

/**
 * Runs work as one transaction of the store, where the store has them: on SQLite and PostgreSQL all
 * of it commits or none does. MongoDB (and DocumentDB) runs it as it comes, statement by statement:
 * the stores there keep their own writes single-document or undo them (see each Mongo store).
 */
@FunctionalInterface
public interface StoreTransactions {

    <T> T inTransaction(Supplier<T> work);
}
