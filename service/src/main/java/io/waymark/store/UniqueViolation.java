package io.waymark.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import java.sql.SQLException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;

/** Recognizes "that key already exists" across SQLite, PostgreSQL and MongoDB. */
public final class UniqueViolation {

    private UniqueViolation() {
    }

    public static boolean is(RuntimeException e) {
        if (e instanceof DuplicateKeyException) {
            return true;
        }
        if (e instanceof MongoWriteException mongo) {
            return mongo.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        if (e instanceof DataAccessException) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                // PostgreSQL: SQLState 23505. SQLite reports no SQLState (so Spring cannot classify it), only its
                // extended result code in the message.
                if (cause instanceof SQLException sql && ("23505".equals(sql.getSQLState())
                        || String.valueOf(sql.getMessage()).contains("SQLITE_CONSTRAINT_PRIMARYKEY")
                        || String.valueOf(sql.getMessage()).contains("SQLITE_CONSTRAINT_UNIQUE"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
