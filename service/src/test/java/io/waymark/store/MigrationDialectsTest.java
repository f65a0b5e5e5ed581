package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The schema is written twice, once per SQL dialect, only because Flyway checksums V1 as it is and
 * existing databases hold that checksum (later migrations are written once, in
 * db/migration/common). The two V1 files must stay the same schema: they may differ in type
 * spellings and in the line naming their dialect, nothing else.
 */
class MigrationDialectsTest {

    @Test
    void bothDialectsCreateTheSameSchema() throws IOException {
        String sqlite = read("db/migration/sqlite/V1__schema.sql");
        String postgresql = read("db/migration/postgresql/V1__schema.sql");

        assertThat(normalized(postgresql)).isEqualTo(normalized(sqlite));
        assertThat(postgresql)
                .as("PostgreSQL's own spellings")
                .contains("BIGINT", "DOUBLE PRECISION");
    }

    private static String normalized(String sql) {
        return sql.lines()
                .filter(line -> !line.startsWith("-- Waymark schema,"))
                .map(
                        line ->
                                line.replace("DOUBLE PRECISION", "REAL")
                                        .replaceAll("\\bBIGINT\\b", "INTEGER")
                                        .replaceAll("\\s+", " ")
                                        .strip())
                .reduce("", (all, line) -> all + line + "\n");
    }

    private static String read(String resource) throws IOException {
        try (InputStream in =
                MigrationDialectsTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
