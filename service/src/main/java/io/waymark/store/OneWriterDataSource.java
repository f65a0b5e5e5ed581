package io.waymark.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * SQLite's one writer connection, handed to one caller at a time in arrival order. HikariCP would
 * do that too with a pool of one, but its hand-over to a waiting thread spins ({@code
 * Thread.yield}) while anyone waits: with dozens of concurrent writers on virtual threads that spin
 * took the CPU that should have done the writes (profiled: creates at 32 connections ran at half
 * the rate of creates at 4). A fair semaphore parks the waiters instead.
 */
final class OneWriterDataSource extends DelegatingDataSource {

    private final Semaphore writer = new Semaphore(1, true);
    private final Duration timeout;

    OneWriterDataSource(DataSource pool, Duration timeout) {
        super(pool);
        this.timeout = timeout;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            if (!writer.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SQLTransientConnectionException(
                        "The writer connection stayed busy for " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException(
                    "Interrupted while waiting for the writer connection", e);
        }
        try {
            return released(super.getConnection());
        } catch (SQLException | RuntimeException e) {
            writer.release();
            throw e;
        }
    }

    /** The connection, whose {@code close()} (once) also lets the next writer in. */
    private Connection released(Connection connection) {
        InvocationHandler handler =
                new InvocationHandler() {
                    private boolean closed;

                    @Override
                    public Object invoke(Object proxy, Method method, Object[] args)
                            throws Throwable {
                        if (method.getName().equals("close") && method.getParameterCount() == 0) {
                            if (!closed) {
                                closed = true;
                                try {
                                    connection.close();
                                } finally {
                                    writer.release();
                                }
                            }
                            return null;
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                };
        return (Connection)
                Proxy.newProxyInstance(
                        Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class},
                        handler);
    }
}
