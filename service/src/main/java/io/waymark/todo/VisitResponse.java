package io.waymark.todo;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A visit as clients see it. */
record VisitResponse(
        Instant arrivedAt,
        @Schema(
                        types = {"string", "null"},
                        format = "date-time",
                        description = "null while still there")
                Instant leftAt,
        @Schema(
                        types = {"integer", "null"},
                        description = "seconds from arrival to departure; null while still there")
                Long durationS) {

    static VisitResponse of(Visit visit) {
        return new VisitResponse(visit.arrivedAt(), visit.leftAt(), visit.durationSeconds());
    }
}
