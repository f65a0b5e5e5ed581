package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The writer connection goes to one caller at a time; closing it lets the next one in. */
class OneWriterDataSourceTest {

    @TempDir Path directory;

    private OneWriterDataSource writer(Duration timeout) {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + directory.resolve("one-writer.db"));
        return new OneWriterDataSource(sqlite, timeout);
    }

    @Test
    void aSecondCallerWaitsUntilTheFirstClosesItsConnection() throws Exception {
        OneWriterDataSource dataSource = writer(Duration.ofSeconds(10));
        Connection first = dataSource.getConnection();

        CompletableFuture<Connection> second =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return dataSource.getConnection();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        Thread.sleep(200);
        assertThat(second).isNotDone();

        first.close();
        try (Connection next = second.get(5, TimeUnit.SECONDS)) {
            assertThat(next.isValid(1)).isTrue();
        }
    }

    @Test
    void aCallerThatWaitsTooLongGetsATransientErrorTheStoreReportsAsAnOutage() throws Exception {
        OneWriterDataSource dataSource = writer(Duration.ofMillis(100));
        try (Connection held = dataSource.getConnection()) {
            assertThatThrownBy(dataSource::getConnection)
                    .isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageContaining("writer connection stayed busy")
                    .satisfies(failure -> assertThat(StoreOutage.causedBy(failure)).isTrue());
        }
    }

    @Test
    void closingTwiceLetsOnlyOneCallerIn() throws Exception {
        OneWriterDataSource dataSource = writer(Duration.ofMillis(100));
        Connection first = dataSource.getConnection();
        first.close();
        first.close();

        try (Connection second = dataSource.getConnection()) {
            assertThatThrownBy(dataSource::getConnection)
                    .isInstanceOf(SQLTransientConnectionException.class);
        }
    }
}
