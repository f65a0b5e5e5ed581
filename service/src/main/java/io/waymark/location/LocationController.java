package io.waymark.location;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.idempotency.Idempotency;
import io.waymark.shared.Caller;
import io.waymark.shared.Endpoint;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "locations",
        description =
                "GPS pings from devices: record, latest per user, a user's track (JSON, GPX, GeoJSON)")
class LocationController {

    private final LocationService locations;
    private final Idempotency idempotency;
    private final JsonMapper json;

    LocationController(LocationService locations, Idempotency idempotency, JsonMapper json) {
        this.locations = locations;
        this.idempotency = idempotency;
        this.json = json;
    }

    @Endpoint(
            access = Endpoint.Access.SIGNED_IN,
            limit = Endpoint.Limit.PER_USER_WRITES,
            examples = {
                @Endpoint.Example(
                        body = "{\"lat\":51.5,\"lng\":-0.12,\"accuracy_m\":5}",
                        status = 201),
                @Endpoint.Example(
                        body =
                                "{\"pings\":[{\"lat\":51.500001,\"lng\":-0.120001},{\"lat\":51.500002,\"lng\":-0.120002}]}",
                        status = 201)
            })
    @PostMapping("/api/v1/locations")
    @Operation(
            summary =
                    "Record the caller's pings: one ping, or {\"pings\": [...]} with 1 to 1000 (all or none)",
            description =
                    "lat -90..90 and lng -180..180 with at most 6 decimals, kept exactly; accuracy_m >= 0; "
                            + "recorded_at RFC 3339, at most 5 minutes in the future, default now. Errors name each bad "
                            + "ping, e.g. pings[3].lat. With an Idempotency-Key a retry replays the first answer.")
    @ApiResponse(
            responseCode = "201",
            description = "Recorded: the ping, or {\"pings\": [...]} for a batch",
            content = @Content(schema = @Schema(implementation = LocationResponse.Recorded.class)))
    ResponseEntity<?> record(
            @RequestBody @Schema(implementation = LocationRequests.Shapes.class)
                    LocationRequests.Submission submission,
            Caller caller,
            @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
        // The answer's exact type is what a replay is read back as: BigDecimal coordinates keep
        // their digits then too, where a generic map would turn -0.000001 into the double -1.0E-6.
        if (submission.isBatch()) {
            return batch(submission, caller, idempotencyKey);
        }
        return idempotency.execute(
                caller.id(),
                idempotencyKey,
                submission,
                LocationResponse.class,
                () ->
                        created(
                                LocationResponse.of(
                                        locations.record(submission, caller).getFirst())));
    }

    @Endpoint(
            access = Endpoint.Access.SIGNED_IN,
            polled = true,
            examples = @Endpoint.Example(status = 200))
    @GetMapping("/api/v1/locations/latest")
    @Operation(
            summary =
                    "The latest ping of each user named (self, or anyone for an admin; at most 100)",
            description =
                    "With the sending device's name, silent when older than WAYMARK_SILENT_AFTER "
                            + "(default 15 min), and low_battery under 15 %.")
    LocationResponse.Latest latest(
            @Parameter(description = "repeat for several users; none means the caller")
                    @RequestParam(name = "user_id", required = false)
                    List<String> userIds,
            Caller caller) {
        return new LocationResponse.Latest(locations.team(userIds, caller));
    }

    @Endpoint(
            access = Endpoint.Access.SIGNED_IN,
            polled = true,
            examples = {
                @Endpoint.Example(query = "limit=50", status = 200, every = 20),
                @Endpoint.Example(
                        headers = "Accept: application/gpx+xml",
                        status = 200,
                        every = 20),
                @Endpoint.Example(
                        headers = "Accept: application/geo+json",
                        status = 200,
                        every = 20)
            })
    @GetMapping(
            path = "/api/v1/users/{id}/locations",
            produces = {MediaType.APPLICATION_JSON_VALUE, TrackFormats.GPX, TrackFormats.GEO_JSON})
    @Operation(
            summary =
                    "A user's track (self or admin): JSON pages newest first; by Accept the whole"
                            + " window as GPX 1.1 or GeoJSON, oldest first",
            description =
                    "from (inclusive) and to (exclusive) bound recorded_at, as RFC 3339 date-times."
                            + " Accept: application/json (also */* or none) answers a page (limit,"
                            + " cursor). Accept: "
                            + TrackFormats.GPX
                            + " or "
                            + TrackFormats.GEO_JSON
                            + " answers the whole window as a download, written as it is read (any"
                            + " length; limit and cursor do not apply), oldest first: the order of"
                            + " a GPX track and of every track reader. GPX: one trk named after"
                            + " the user, one trkseg, a trkpt (lat, lon, time) per ping. GeoJSON"
                            + " (RFC 7946): a FeatureCollection of Point features, coordinates"
                            + " [lng, lat], properties recorded_at and accuracy_m. Any other"
                            + " Accept is 406.")
    @ApiResponse(
            responseCode = "200",
            description = "A page of the track (JSON), or the track as GPX or GeoJSON",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = TrackPage.class)),
                @Content(mediaType = TrackFormats.GPX, schema = @Schema(type = "string")),
                @Content(mediaType = TrackFormats.GEO_JSON, schema = @Schema(type = "object"))
            })
    ResponseEntity<Page<LocationResponse>> track(
            @PathVariable String id,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            Caller caller,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        String format = TrackFormats.chosen(accept);
        if (format.equals(MediaType.APPLICATION_JSON_VALUE)) {
            return ResponseEntity.ok(
                    locations
                            .track(id, from, to, PageRequest.of(limit, cursor), caller)
                            .map(LocationResponse::of));
        }
        TrackWindow window = locations.window(id, from, to, caller);
        // A download of any length goes out as it is written, never held to compute an ETag.
        ShallowEtagHeaderFilter.disableContentCaching(request);
        start(response, format, window);
        ClientOutput out = new ClientOutput(response.getOutputStream());
        try {
            if (format.equals(TrackFormats.GPX)) {
                TrackFormats.gpx(window, out, each -> locations.eachOldestFirst(window, each));
            } else {
                TrackFormats.geoJson(json, out, each -> locations.eachOldestFirst(window, each));
            }
        } catch (RuntimeException e) {
            if (!out.failed()) {
                throw e;
            }
            // The client went away half way: the answer cannot be finished, and nothing failed
            // here.
        }
        // Written: there is no entity left for Spring to write.
        return null;
    }

    /** The JSON track's page, named for the API description (a generic type has no name). */
    @Schema(name = "TrackPage")
    private record TrackPage(
            List<LocationResponse> items, @Schema(types = {"string", "null"}) String nextCursor) {}

    /**
     * Headers first: the body is then written as the store is read, and can no longer become a
     * problem.
     */
    private static void start(HttpServletResponse response, String mediaType, TrackWindow window) {
        String extension = mediaType.equals(TrackFormats.GPX) ? "gpx" : "geojson";
        response.setContentType(mediaType);
        response.setCharacterEncoding(StandardCharsets.UTF_8);
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(
                                "track-" + window.userName() + "." + extension,
                                StandardCharsets.UTF_8)
                        .build()
                        .toString());
    }

    /**
     * A batch's answer holds every ping, up to 1,000 of them; what is stored for a retry is only
     * their ids, and a replay reads the pings back, so both answers are the same.
     */
    private ResponseEntity<LocationResponse.Pings> batch(
            LocationRequests.Submission submission, Caller caller, String idempotencyKey) {
        List<Location> recorded = new ArrayList<>();
        ResponseEntity<LocationResponse.Receipt> receipt =
                idempotency.execute(
                        caller.id(),
                        idempotencyKey,
                        submission,
                        LocationResponse.Receipt.class,
                        () -> {
                            recorded.addAll(locations.record(submission, caller));
                            return created(LocationResponse.Receipt.of(recorded));
                        });
        LocationResponse.Receipt stored = receipt.getBody();
        List<LocationResponse> pings =
                !recorded.isEmpty()
                        ? LocationResponse.of(recorded)
                        : stored.pings() != null
                                ? stored.pings()
                                : LocationResponse.of(locations.recorded(stored.ids(), caller));
        return ResponseEntity.status(receipt.getStatusCode())
                .headers(receipt.getHeaders())
                .body(new LocationResponse.Pings(pings));
    }

    private static <T> ResponseEntity<T> created(T body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }
}
