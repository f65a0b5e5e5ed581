package io.waymark.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.shared.Endpoint;
import io.waymark.shared.ProblemType;
import io.waymark.store.StoreProbe;
import io.waymark.store.StoreStartup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Liveness ({@code /health}: the process answers, no I/O, so a slow database never gets a task
 * killed) and readiness ({@code /health/ready}: the store answers and the service is not shutting
 * down).
 */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "health")
class HealthController {

    private static final Logger log = LoggerFactory.getLogger(HealthController.class);

    private final StoreProbe store;
    private final StoreStartup startup;
    private final ApplicationAvailability availability;

    HealthController(StoreProbe store, StoreStartup startup, ApplicationAvailability availability) {
        this.store = store;
        this.startup = startup;
        this.availability = availability;
    }

    /** {@code {"status": "up"}} or {@code {"status": "ready"}}. */
    record Status(String status) {}

    @Endpoint(access = Endpoint.Access.PUBLIC, examples = @Endpoint.Example(status = 200))
    @GetMapping("/health")
    @Operation(summary = "Liveness")
    ResponseEntity<Status> live() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Status("up"));
    }

    @Endpoint(access = Endpoint.Access.PUBLIC, examples = @Endpoint.Example(status = 200))
    @GetMapping("/health/ready")
    @Operation(summary = "Readiness: checks the store")
    @ApiResponse(
            responseCode = "200",
            description = "Ready: {\"status\": \"ready\"}",
            content = @Content(schema = @Schema(implementation = Status.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "Not ready: the store does not answer, or the service is shutting down (not-ready)",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = OpenApiConfiguration.PROBLEM_REF)))
    ResponseEntity<?> ready() {
        if (availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC) {
            return unavailable("The service is shutting down");
        }
        if (!startup.isReady()) {
            return unavailable("Waiting for the database: another process still holds it");
        }
        try {
            store.check();
        } catch (RuntimeException e) {
            log.warn("Readiness check failed: {}", e.toString());
            return unavailable("The store does not answer");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Status("ready"));
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail) {
        // Set, not negotiated: the class produces application/json, and a problem is problem+json
        // whatever Accept says.
        ProblemDetail problem = Problems.of(ProblemType.NOT_READY, detail);
        return Problems.start(problem).cacheControl(CacheControl.noStore()).body(problem);
    }
}
