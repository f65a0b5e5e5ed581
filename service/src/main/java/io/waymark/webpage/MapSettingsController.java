package io.waymark.webpage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.shared.Endpoint;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the web page's map needs from the server's settings, as a public JSON document next to the
 * page's files (not under /api/, so it needs no token and no route of its own in front of the
 * service): the page stays plain files, and the tile URL is set in one place, where the
 * Content-Security-Policy reads it too.
 */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "web page")
class MapSettingsController {

    /** The tile template in Leaflet's syntax and the credit to show on the map. */
    record MapSettings(
            String tileUrl,
            String attribution,
            @Schema(types = {"string", "null"}) String attributionUrl) {}

    private final MapSettings settings;

    MapSettingsController(MapProperties properties) {
        this.settings =
                new MapSettings(
                        properties.tiles(),
                        properties.attribution(),
                        properties.attributionUrl().isEmpty() ? null : properties.attributionUrl());
    }

    @Endpoint(
            access = Endpoint.Access.PUBLIC,
            examples = @Endpoint.Example(status = 200, every = 20))
    @GetMapping("/map-settings.json")
    @Operation(summary = "The web page's map settings: tile URL template and attribution (public)")
    ResponseEntity<MapSettings> settings() {
        // Never from a cache: after a restart with other tiles, the policy allows only the new tile
        // origin.
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(settings);
    }
}
