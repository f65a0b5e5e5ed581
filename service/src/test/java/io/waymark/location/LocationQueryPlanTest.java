package io.waymark.location;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "Answered from an index, not a scan", checked where it is decided: the SQL databases' own query
 * plans for the latest-per-user and track queries must seek locations_user_recorded and need no
 * sort.
 */
@ParameterizedClass
@EnumSource(
        value = TestStore.class,
        names = {"SQLITE", "POSTGRESQL"})
class LocationQueryPlanTest {

    private static final Pattern NAMED = Pattern.compile(":([a-zA-Z]\\w*)");

    @Parameter TestStore store;

    @Test
    void latestPerUserSeeksTheIndexOncePerUserWithoutSorting() throws SQLException {
        String plan = plan(JdbcLocationStore.latestSql(3), Map.of("u0", "a", "u1", "b", "u2", "c"));

        assertThat(plan).contains("locations_user_recorded");
        assertIndexOnly(plan);
    }

    @Test
    void aTrackPageStartsItsIndexRangeAtTheCursorWithoutSorting() throws SQLException {
        String plan =
                plan(
                        JdbcLocationStore.TRACK_SQL,
                        Map.of(
                                "userId",
                                "a",
                                "from",
                                0L,
                                "beforeRecordedAt",
                                1_000L,
                                "beforeId",
                                "z",
                                "limit",
                                51));

        assertThat(plan).contains("locations_user_recorded");
        assertIndexOnly(plan);
        assertThat(plan)
                .as("the index range starts at the cursor, not at the user's newest ping")
                .contains(store == TestStore.SQLITE ? "recorded_at<?" : "recorded_at <= '1000'");
    }

    @Test
    void aDownloadsBatchReadsTheIndexBackwardsFromThePositionWithoutSorting() throws SQLException {
        String plan =
                plan(
                        JdbcLocationStore.OLDEST_FIRST_SQL,
                        Map.of(
                                "userId",
                                "a",
                                "afterRecordedAt",
                                1_000L,
                                "to",
                                5_000L,
                                "afterId",
                                "m",
                                "limit",
                                1_000));

        assertThat(plan).contains("locations_user_recorded");
        assertIndexOnly(plan);
    }

    private void assertIndexOnly(String plan) {
        if (store == TestStore.SQLITE) {
            assertThat(plan).doesNotContain("SCAN locations").doesNotContain("TEMP B-TREE");
        } else {
            assertThat(plan).doesNotContain("Seq Scan").doesNotContain("Sort");
        }
    }

    /**
     * The plan as text; named parameters are bound in order of appearance, as JdbcClient would bind
     * them.
     */
    private String plan(String namedSql, Map<String, Object> values) throws SQLException {
        List<Object> bound = new ArrayList<>();
        Matcher names = NAMED.matcher(namedSql);
        while (names.find()) {
            bound.add(values.get(names.group(1)));
        }
        String sql = names.replaceAll("?");
        DataSource dataSource = RunningService.on(store).bean(DataSource.class);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                String explain = "EXPLAIN QUERY PLAN ";
                if (store == TestStore.POSTGRESQL) {
                    // A near-empty table is cheapest to read whole, so PostgreSQL would rightly
                    // pick a scan here; forbidding it shows whether the index can serve the query,
                    // with no sort, at any size.
                    connection.createStatement().execute("SET LOCAL enable_seqscan = off");
                    explain = "EXPLAIN ";
                }
                try (PreparedStatement statement = connection.prepareStatement(explain + sql)) {
                    for (int i = 0; i < bound.size(); i++) {
                        statement.setObject(i + 1, bound.get(i));
                    }
                    StringBuilder plan = new StringBuilder();
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            plan.append(
                                            rows.getString(
                                                    store == TestStore.SQLITE
                                                            ? "detail"
                                                            : "QUERY PLAN"))
                                    .append('\n');
                        }
                    }
                    return plan.toString();
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }
}
