package io.waymark.webpage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.config.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WAYMARK_MAP_TILES and its attribution: what is accepted, the one origin it opens, and what stops
 * start-up.
 */
class MapPropertiesTest {

    private static final String OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    @ParameterizedTest
    @CsvSource({
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png, https://tile.openstreetmap.org",
        "HTTPS://Tiles.Example.com:8443/osm/{z}/{x}/{y}{r}.png?key=abc, https://tiles.example.com:8443",
        "http://127.0.0.1:8081/{z}/{y}/{x}, http://127.0.0.1:8081"
    })
    void theTilesOpenExactlyTheirOriginToImages(String tiles, String origin) {
        assertThat(new MapProperties(tiles, "© someone", "").tileOrigin()).isEqualTo(origin);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "tile.openstreetmap.org/{z}/{x}/{y}.png",
                "/tiles/{z}/{x}/{y}.png",
                "ftp://tiles.example.com/{z}/{x}/{y}.png",
                "https://tile.openstreetmap.org/{z}/{x}.png",
                "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png",
                "https://tiles.example.com/{z}/{x}/{y}.png?key={apikey}",
                "https://tiles example.com/{z}/{x}/{y}.png",
                "https://tiles.example.com/{z}/{x}/{y}.png#top",
                "javascript:alert(1)//{z}/{x}/{y}"
            })
    void anythingElseStopsStartUpNamingTheVariable(String tiles) {
        assertThatThrownBy(() -> new MapProperties(tiles, "", ""))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("WAYMARK_MAP_TILES: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aSubdomainPlaceholderIsRefusedWithTheReason() {
        assertThatThrownBy(
                        () ->
                                new MapProperties(
                                        "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png",
                                        "",
                                        ""))
                .hasMessageContaining("needs a fixed http or https host without placeholders");
    }

    @Test
    void credentialsInTheTileUrlAreRefusedWithoutRepeatingThem() {
        assertThatThrownBy(
                        () ->
                                new MapProperties(
                                        "https://maps:s3cret@tiles.example.com/{z}/{x}/{y}.png",
                                        "",
                                        ""))
                .hasMessage("WAYMARK_MAP_TILES: must not carry a user name or password")
                .hasMessageNotContaining("s3cret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "/copyright", "data:text/html,hi"})
    void theAttributionLinkIsAWebAddressOrNothing(String link) {
        assertThatThrownBy(() -> new MapProperties(OSM, "© OpenStreetMap contributors", link))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("WAYMARK_MAP_ATTRIBUTION_URL: ");
        assertThat(new MapProperties(OSM, "© OpenStreetMap contributors", null).attributionUrl())
                .isEmpty();
    }
}
