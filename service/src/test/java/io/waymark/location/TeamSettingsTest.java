package io.waymark.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.config.InvalidSettingException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** WAYMARK_SILENT_AFTER: the forms it takes, and a bad value named at start-up. */
class TeamSettingsTest {

    @Test
    void takesShortFormsAndIso8601() {
        assertThat(new TeamSettings("15m").silence()).isEqualTo(Duration.ofMinutes(15));
        assertThat(new TeamSettings("90s").silence()).isEqualTo(Duration.ofSeconds(90));
        assertThat(new TeamSettings(" 2h ").silence()).isEqualTo(Duration.ofHours(2));
        assertThat(new TeamSettings("PT20M").silence()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void aBadOrNonPositiveValueStopsStartUpNamingTheVariable() {
        for (String bad : new String[] {"soon", "", "0s", "-PT5M", "15 minutes"}) {
            assertThatThrownBy(() -> new TeamSettings(bad))
                    .as(bad)
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("WAYMARK_SILENT_AFTER");
        }
    }
}
