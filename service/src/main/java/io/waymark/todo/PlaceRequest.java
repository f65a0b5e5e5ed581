package io.waymark.todo;

import io.swagger.v3.oas.annotations.media.Schema;
import io.waymark.shared.ApiException.FieldError;
import io.waymark.shared.Coordinate;
import java.math.BigDecimal;
import java.util.List;

/**
 * A to-do's {@code place} as a client sends it; {@link #place} checks it and names each bad member
 * as {@code place.lat}, {@code place.radius_m}...
 *
 * @param radiusM {@value Place#DEFAULT_RADIUS_M} when left out
 */
@Schema(
        name = "Place",
        additionalProperties = Schema.AdditionalPropertiesValue.FALSE,
        description =
                "Where the work is: a circle around lat/lng (WGS 84 degrees, at most 6 decimals)")
record PlaceRequest(
        @Schema(
                        requiredMode = Schema.RequiredMode.REQUIRED,
                        minimum = "-" + Coordinate.MAX_LAT,
                        maximum = "" + Coordinate.MAX_LAT)
                BigDecimal lat,
        @Schema(
                        requiredMode = Schema.RequiredMode.REQUIRED,
                        minimum = "-" + Coordinate.MAX_LNG,
                        maximum = "" + Coordinate.MAX_LNG)
                BigDecimal lng,
        @Schema(
                        minimum = "" + Place.MIN_RADIUS_M,
                        maximum = "" + Place.MAX_RADIUS_M,
                        defaultValue = "" + Place.DEFAULT_RADIUS_M)
                Integer radiusM,
        @Schema(
                        types = {"string", "null"},
                        maxLength = Place.MAX_LABEL)
                String label) {

    static final String RADIUS_MESSAGE =
            "must be between " + Place.MIN_RADIUS_M + " and " + Place.MAX_RADIUS_M + " metres";
    static final String LABEL_MESSAGE =
            "must be at most " + Place.MAX_LABEL + " characters, without control characters";

    static PlaceRequest of(Place place) {
        return new PlaceRequest(
                place.centre().lat(), place.centre().lng(), place.radiusM(), place.label());
    }

    /** The place, or {@code null} after adding to {@code errors} what is wrong with it. */
    Place place(List<FieldError> errors) {
        int before = errors.size();
        Coordinate centre = Coordinate.of(lat, lng, "place.lat", "place.lng", errors);
        int radius = radiusM == null ? Place.DEFAULT_RADIUS_M : radiusM;
        if (radius < Place.MIN_RADIUS_M || radius > Place.MAX_RADIUS_M) {
            errors.add(new FieldError("place.radius_m", RADIUS_MESSAGE));
        }
        String trimmed = label == null || label.isBlank() ? null : label.strip();
        if (trimmed != null
                && (trimmed.length() > Place.MAX_LABEL
                        || trimmed.chars().anyMatch(Character::isISOControl))) {
            errors.add(new FieldError("place.label", LABEL_MESSAGE));
        }
        return errors.size() > before ? null : new Place(centre, radius, trimmed);
    }
}
