package io.waymark.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Hands out connections only once the store may be used ({@link StoreStartup}); until then a caller
 * waits up to the connection timeout, then gets a transient failure, which is answered 503 with
 * Retry-After.
 */
final class GatedDataSource extends DelegatingDataSource {

    private final StoreStartup startup;
    private final Duration timeout;

    GatedDataSource(DataSource target, StoreStartup startup, Duration timeout) {
        super(target);
        this.startup = startup;
        this.timeout = timeout;
    }

    @Override
    public Connection getConnection() throws SQLException {
        awaitStore();
        return super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        awaitStore();
        return super.getConnection(username, password);
    }

    private void awaitStore() throws SQLTransientConnectionException {
        if (!startup.mayBeUsedByThisThread() && !startup.awaitReady(timeout)) {
            throw new SQLTransientConnectionException(
                    "The database is held by another process; waiting for its lock");
        }
    }
}
