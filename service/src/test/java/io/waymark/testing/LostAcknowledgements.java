package io.waymark.testing;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A write the store made that the service is told failed, as when the connection drops after the
 * server committed but before its reply arrives: the unknown outcome of a commit. Given to {@link
 * OwnServices}, it wraps the service's store (the primary {@code DataSource}, or the {@code
 * MongoDatabase}); once {@linkplain #armForUpdateOf armed for a table}, the next transaction that
 * updates that table (on MongoDB, the next update of that collection, as there are no transactions)
 * is applied, then fails with the error a lost connection gives: SQLState 08006, or a socket read
 * error.
 */
public final class LostAcknowledgements
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Set<String> MONGO_UPDATES =
            Set.of(
                    "updateOne",
                    "updateMany",
                    "replaceOne",
                    "findOneAndUpdate",
                    "findOneAndReplace");

    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicInteger lost = new AtomicInteger();
    private volatile Pattern updatesTable = Pattern.compile("(?!)");
    private volatile String collection = "";

    /**
     * The next transaction that updates rows of {@code table} (on MongoDB, the next update of that
     * collection) is applied, and its caller told it failed.
     */
    public void armForUpdateOf(String table) {
        updatesTable =
                Pattern.compile(
                        "\\bUPDATE\\s+" + Pattern.quote(table) + "\\b", Pattern.CASE_INSENSITIVE);
        collection = table;
        armed.set(true);
    }

    /** How many writes were applied and then reported as failed. */
    public int lost() {
        return lost.get();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory()
                .addBeanPostProcessor(
                        new BeanPostProcessor() {
                            @Override
                            public Object postProcessAfterInitialization(Object bean, String name) {
                                if (name.equals("dataSource") && bean instanceof DataSource db) {
                                    return new LosingDataSource(db);
                                }
                                if (bean instanceof MongoDatabase database) {
                                    return proxy(MongoDatabase.class, database, new Database());
                                }
                                return bean;
                            }
                        });
    }

    private boolean takeShot() {
        if (armed.compareAndSet(true, false)) {
            lost.incrementAndGet();
            return true;
        }
        return false;
    }

    private final class LosingDataSource extends DelegatingDataSource {

        LosingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return proxy(Connection.class, super.getConnection(), new LosingConnection());
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return proxy(
                    Connection.class, super.getConnection(user, password), new LosingConnection());
        }
    }

    /**
     * Notes an update of the table in the current transaction; its commit then loses its answer.
     */
    private final class LosingConnection implements Handler<Connection> {

        private boolean updated;

        @Override
        public Object handle(Connection target, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if ((name.startsWith("prepare") || name.startsWith("execute"))
                    && args != null
                    && args.length > 0
                    && args[0] instanceof String sql
                    && updatesTable.matcher(sql).find()) {
                updated = true;
            }
            if (name.equals("rollback") && (args == null || args.length == 0)) {
                updated = false;
            }
            Object result = invoke(target, method, args);
            if (name.equals("commit")) {
                boolean lose = updated && takeShot();
                updated = false;
                if (lose) {
                    throw new SQLException(
                            "An I/O error occurred while sending to the backend (injected: the commit was applied)",
                            "08006");
                }
            }
            return result;
        }
    }

    private final class Database implements Handler<MongoDatabase> {

        @Override
        public Object handle(MongoDatabase target, Method method, Object[] args) throws Throwable {
            Object result = invoke(target, method, args);
            if (method.getName().equals("getCollection") && args[0].equals(collection)) {
                return proxy(MongoCollection.class, (MongoCollection<?>) result, new Collection());
            }
            return result;
        }
    }

    private final class Collection implements Handler<MongoCollection<?>> {

        @Override
        public Object handle(MongoCollection<?> target, Method method, Object[] args)
                throws Throwable {
            Object result = invoke(target, method, args);
            if (MONGO_UPDATES.contains(method.getName()) && takeShot()) {
                throw new MongoSocketReadException(
                        "Prematurely reached end of stream (injected: the write was applied)",
                        new ServerAddress());
            }
            return result;
        }
    }

    @FunctionalInterface
    private interface Handler<T> {
        Object handle(T target, Method method, Object[] args) throws Throwable;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<?> type, T target, Handler<T> handler) {
        InvocationHandler invocation = (p, method, args) -> handler.handle(target, method, args);
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, invocation);
    }
}
