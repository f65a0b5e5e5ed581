package io.waymark.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagementSettingsTest {

    private static final Duration EXIT = Duration.ofSeconds(60);

    @TempDir Path temp;

    @Test
    void badManagementSettingsStopStartUpWithOneLineNamingTheVariable() {
        String database = "sqlite:" + temp.resolve("waymark.db");
        try (var port =
                        ServiceProcess.start(
                                Map.of(
                                        "DATABASE_URL",
                                        database,
                                        "WAYMARK_MANAGEMENT_PORT",
                                        "nine"));
                var same =
                        ServiceProcess.start(
                                Map.of(
                                        "DATABASE_URL",
                                        database,
                                        "PORT",
                                        "18080",
                                        "WAYMARK_MANAGEMENT_PORT",
                                        "18080"));
                var address =
                        ServiceProcess.start(
                                Map.of(
                                        "DATABASE_URL",
                                        database,
                                        "WAYMARK_MANAGEMENT_ADDRESS",
                                        "localhost"))) {
            assertThat(port.waitForExit(EXIT)).isNotZero();
            assertThat(same.waitForExit(EXIT)).isNotZero();
            assertThat(address.waitForExit(EXIT)).isNotZero();
            assertThat(port.output())
                    .contains("WAYMARK_MANAGEMENT_PORT: must be a port number from 1 to 65535")
                    .doesNotContain("\tat ");
            assertThat(same.output())
                    .contains("WAYMARK_MANAGEMENT_PORT: must differ from PORT (18080)")
                    .doesNotContain("\tat ");
            assertThat(address.output())
                    .contains("WAYMARK_MANAGEMENT_ADDRESS: must be an IP address")
                    .doesNotContain("\tat ");
        }
    }
}
