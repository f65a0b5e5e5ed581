package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.config.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    @Test
    void sqliteDefaultsToWalAndAcceptsTheNfsSafeJournal() {
        assertThat(DatabaseUrl.parse("sqlite:./data/waymark.db"))
                .isEqualTo(new DatabaseUrl(DatabaseUrl.Kind.SQLITE, "./data/waymark.db", "wal"));
        assertThat(
                        DatabaseUrl.parse("sqlite:/mnt/efs/waymark.db?journal_mode=DELETE")
                                .journalMode())
                .isEqualTo("delete");
    }

    @Test
    void postgresqlBecomesAJdbcUrlKeepingItsOptions() {
        DatabaseUrl url =
                DatabaseUrl.parse("postgresql://db.internal:5432/waymark?sslmode=require");

        assertThat(url.kind()).isEqualTo(DatabaseUrl.Kind.POSTGRESQL);
        assertThat(url.family()).isEqualTo(StoreFamily.JDBC);
        assertThat(url.location())
                .isEqualTo("jdbc:postgresql://db.internal:5432/waymark?sslmode=require");
    }

    @Test
    void mongodbIsPassedToTheDriverAsIs() {
        DatabaseUrl url = DatabaseUrl.parse("mongodb://docdb.internal:27017/waymark?tls=true");

        assertThat(url.family()).isEqualTo(StoreFamily.MONGO);
        assertThat(url.location()).isEqualTo("mongodb://docdb.internal:27017/waymark?tls=true");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "mysql://host/db",
                "postgresql://host",
                "mongodb://",
                "sqlite:",
                "sqlite:x.db?journal_mode=memory",
                "sqlite:x.db?cache=shared",
                "postgresql://ho st:5432/db"
            })
    void anythingElseIsRefusedNamingTheVariable(String value) {
        assertThatThrownBy(() -> DatabaseUrl.parse(value))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL: ");
    }

    @Test
    void credentialsInARefusedUrlAreNotEchoed() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://admin:s3cret@host/db"))
                .hasMessageNotContaining("s3cret");
    }
}
