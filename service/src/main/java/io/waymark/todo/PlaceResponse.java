package io.waymark.todo;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/** A to-do's place as clients see it. */
@Schema(name = "PlaceView")
record PlaceResponse(
        BigDecimal lat,
        BigDecimal lng,
        int radiusM,
        @Schema(types = {"string", "null"}) String label) {

    static PlaceResponse of(Place place) {
        return place == null
                ? null
                : new PlaceResponse(
                        place.centre().lat(), place.centre().lng(), place.radiusM(), place.label());
    }
}
