package io.waymark.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import java.sql.SQLException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;

/**
 * The stores' constraint violations, recognized across SQLite, PostgreSQL and MongoDB: "that key
 * already exists" (which {@link #insertIfAbsent} turns into an answer) and, for the SQL stores,
 * "the row this one refers to does not exist".
 */
public final class DatabaseErrors {

    private DatabaseErrors() {}

    /**
     * Runs {@code insert}; returns false instead when the key exists already. The database's unique
     * key decides, so of concurrent inserts of one key exactly one returns true.
     */
    public static boolean insertIfAbsent(Runnable insert) {
        try {
            insert.run();
            return true;
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    public static boolean isUniqueViolation(RuntimeException e) {
        if (e instanceof DuplicateKeyException) {
            return true;
        }
        if (e instanceof MongoWriteException mongo) {
            return mongo.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        if (e instanceof DataAccessException) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                // PostgreSQL: SQLState 23505. SQLite reports no SQLState (so Spring cannot classify
                // it), only its extended result code in the message.
                if (cause instanceof SQLException sql
                        && ("23505".equals(sql.getSQLState())
                                || String.valueOf(sql.getMessage())
                                        .contains("SQLITE_CONSTRAINT_PRIMARYKEY")
                                || String.valueOf(sql.getMessage())
                                        .contains("SQLITE_CONSTRAINT_UNIQUE"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A foreign key found no row (PostgreSQL 23503, SQLite's SQLITE_CONSTRAINT_FOREIGNKEY). Every
     * foreign key of the schema names a user, so this means the user was deleted while the request
     * ran.
     */
    public static boolean isMissingReference(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && ("23503".equals(sql.getSQLState())
                            || String.valueOf(sql.getMessage())
                                    .contains("SQLITE_CONSTRAINT_FOREIGNKEY"))) {
                return true;
            }
        }
        return false;
    }
}
