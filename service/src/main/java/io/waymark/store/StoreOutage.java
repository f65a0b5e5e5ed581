package io.waymark.store;

import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Recognizes a failure of the store rather than of the request: the database is down, restarting,
 * failing over or too busy to answer in time. Such a failure is answered 503 with Retry-After,
 * because the same request will work once the store is back; everything else the store throws stays
 * a fault of ours (500).
 */
public final class StoreOutage {

    /**
     * SQLState classes of connection loss (08), insufficient resources (53), operator intervention
     * such as a server shutting down (57P0x), and serialization/deadlock (40), which a retry
     * settles.
     */
    private static final Set<String> SQL_STATE_CLASSES = Set.of("08", "53", "57", "40");

    private StoreOutage() {}

    public static boolean causedBy(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof DataAccessResourceFailureException
                    || e instanceof TransientDataAccessResourceException
                    || e instanceof QueryTimeoutException
                    || e instanceof PessimisticLockingFailureException
                    || e instanceof SQLTransientException
                    || e instanceof SQLRecoverableException
                    || e instanceof MongoSocketException
                    || e instanceof MongoTimeoutException
                    || e instanceof MongoNotPrimaryException
                    || e instanceof MongoNodeIsRecoveringException
                    || e instanceof MongoExecutionTimeoutException) {
                return true;
            }
            if (e instanceof SQLException sql
                    && (isOutageState(sql.getSQLState()) || isSqliteBusy(sql))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOutageState(String sqlState) {
        return sqlState != null
                && sqlState.length() >= 2
                && SQL_STATE_CLASSES.contains(sqlState.substring(0, 2));
    }

    /**
     * SQLite reports no SQLState; its result code is in the message ("[SQLITE_BUSY] The database
     * file is locked").
     */
    private static boolean isSqliteBusy(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED");
    }
}
