package io.waymark.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.location.Location;
import io.waymark.shared.Endpoint;
import io.waymark.user.User;
import io.waymark.web.ClientAddresses;
import io.waymark.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The phone apps' own protocols, each answered exactly as its app expects. Public at the edge: the
 * device key is the credential, checked here (and only here: a device key opens nothing else).
 */
@RestController
@Tag(
        name = "ingest",
        description =
                "Positions from phone apps (OwnTracks, Traccar Client, OsmAnd, GPSLogger, Overland), "
                        + "authenticated by a device key from POST /api/v1/devices; see docs/phone-apps.md")
class IngestController {

    private static final String BASIC = "Basic ";
    private static final String BEARER = "Bearer ";

    private final IngestService ingest;
    private final ClientAddresses clients;
    private final JsonMapper json;

    IngestController(IngestService ingest, ClientAddresses clients, JsonMapper json) {
        this.ingest = ingest;
        this.clients = clients;
        this.json = json;
    }

    @Endpoint(
            access = Endpoint.Access.DEVICE_KEY,
            limit = Endpoint.Limit.THROTTLED,
            examples = {
                @Endpoint.Example(
                        headers = "Authorization: Basic {user}:{devices.key}",
                        body =
                                "{\"_type\":\"location\",\"lat\":51.5,\"lon\":-0.12,\"tst\":{epoch},\"acc\":8,\"batt\":80,\"vel\":4,\"tid\":\"tr\"}",
                        status = 200),
                @Endpoint.Example(
                        headers = "Authorization: Basic {user}:{devices.key}",
                        body = "{\"_type\":\"lwt\",\"tst\":1700000000}",
                        status = 200,
                        every = 20)
            })
    @PostMapping(path = "/api/v1/ingest/owntracks", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary =
                    "OwnTracks HTTP mode: one message; a location is stored, every other type is accepted",
            description =
                    "HTTP Basic: your user name and the device key. The answer is always a JSON array (at "
                            + "least []): the latest location of each person you may see, with a card naming "
                            + "them, so the team appears in the app. An invalid location is dropped, not refused.")
    @ApiResponse(
            responseCode = "200",
            description = "Accepted; the team's latest locations and cards, as OwnTracks messages",
            content =
                    @Content(
                            array =
                                    @ArraySchema(
                                            schema =
                                                    @Schema(
                                                            type = "object",
                                                            description =
                                                                    "an OwnTracks message: _type location or card"))))
    ResponseEntity<byte[]> ownTracks(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            description =
                                    "One OwnTracks JSON message (https://owntracks.org/booklet/tech/json/)",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema =
                                                    @Schema(
                                                            implementation =
                                                                    IngestBodies.OwnTracksMessage
                                                                            .class)))
                    @RequestBody
                    byte[] body,
            @Parameter(hidden = true)
                    @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                    String authorization,
            HttpServletRequest request) {
        String[] credentials = basic(authorization);
        IngestService.Sender sender = ingest.authenticate(credentials[1], clients.of(request));
        if (!User.keyOf(credentials[0]).equals(User.keyOf(sender.caller().userName()))) {
            throw new DeviceKeyRefusedException();
        }
        ingest.record(sender, "owntracks", OwnTracks.read(Fixes.parse(body)));
        List<Map<String, Object>> answer = new ArrayList<>();
        for (IngestService.Member member : ingest.team(sender)) {
            answer.addAll(ownTracksMessages(member));
        }
        return exactly(json.writeValueAsBytes(answer));
    }

    @Endpoint(
            access = Endpoint.Access.DEVICE_KEY,
            limit = Endpoint.Limit.THROTTLED,
            examples =
                    @Endpoint.Example(
                            query =
                                    "id={devices.key}&lat=51.5&lon=-0.12&timestamp={epoch}&speed=3.5&bearing=90&batt=80",
                            status = 200))
    @GetMapping("/api/v1/ingest/osmand")
    @Operation(
            summary =
                    "OsmAnd protocol (Traccar Client up to 8, OsmAnd, GPSLogger): a position in the query",
            description = OSMAND)
    @ApiResponse(responseCode = "200", description = "Accepted (empty body)")
    ResponseEntity<Void> osmAndQuery(
            @Parameter(description = "the device key") @RequestParam(required = false) String id,
            @Parameter(description = "degrees") @RequestParam(required = false) String lat,
            @Parameter(description = "degrees") @RequestParam(required = false) String lon,
            @Parameter(description = "lat,lon instead of lat and lon")
                    @RequestParam(required = false)
                    String location,
            @Parameter(description = "epoch seconds or milliseconds, or ISO 8601")
                    @RequestParam(required = false)
                    String timestamp,
            @Parameter(description = "metres") @RequestParam(required = false) String accuracy,
            @Parameter(description = "metres") @RequestParam(required = false) String altitude,
            @Parameter(description = "knots") @RequestParam(required = false) String speed,
            @Parameter(description = "degrees") @RequestParam(required = false) String bearing,
            @Parameter(description = "percent") @RequestParam(required = false) String batt,
            HttpServletRequest request) {
        return osmAnd(parameters(request), request);
    }

    @Endpoint(
            access = Endpoint.Access.DEVICE_KEY,
            limit = Endpoint.Limit.THROTTLED,
            examples = {
                @Endpoint.Example(
                        contentType = "application/x-www-form-urlencoded",
                        body =
                                "id={devices.key}&location=51.5,-0.12&timestamp={epoch}000&accuracy=6",
                        status = 200),
                @Endpoint.Example(
                        body =
                                "{\"device_id\":\"{devices.key}\",\"location\":{\"timestamp\":\"{now}\",\"coords\":{\"latitude\":51.5,\"longitude\":-0.12,\"speed\":1.5},\"battery\":{\"level\":0.8}}}",
                        status = 200)
            })
    @PostMapping("/api/v1/ingest/osmand")
    @Operation(
            summary =
                    "OsmAnd protocol as a form or in the query, or Traccar Client 9's JSON: a position",
            description = OSMAND)
    @ApiResponse(responseCode = "200", description = "Accepted (empty body)")
    ResponseEntity<Void> osmAndPost(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            description =
                                    "The OsmAnd parameters as a form, or Traccar Client 9's JSON "
                                            + "{\"device_id\": key, \"location\": {\"timestamp\", \"coords\": {...}, \"battery\": {...}}}",
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                                        schema =
                                                @Schema(
                                                        implementation =
                                                                IngestBodies.OsmAndForm.class)),
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema =
                                                @Schema(
                                                        implementation =
                                                                IngestBodies.TraccarClientPosition
                                                                        .class))
                            })
                    HttpServletRequest request) {
        if (isJson(request)) {
            JsonNode body = Fixes.parse(read(request));
            IngestService.Sender sender =
                    ingest.authenticate(OsmAnd.key(body), clients.of(request));
            ingest.record(sender, "traccar-json", OsmAnd.read(body));
            return ResponseEntity.ok().build();
        }
        return osmAnd(parameters(request), request);
    }

    @Endpoint(
            access = Endpoint.Access.DEVICE_KEY,
            limit = Endpoint.Limit.THROTTLED,
            examples =
                    @Endpoint.Example(
                            query = "token={devices.key}",
                            body =
                                    "{\"locations\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[-0.12,51.5]},\"properties\":{\"timestamp\":\"{now}\",\"speed\":2,\"battery_level\":0.8}}]}",
                            status = 200))
    @PostMapping(path = "/api/v1/ingest/overland", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Overland: a batch of up to 1,000 GeoJSON points",
            description =
                    "Authorization: Bearer <device key>, or ?token=<device key>. The answer is exactly "
                            + "{\"result\":\"ok\"}, which tells the app to drop the batch from its queue; invalid "
                            + "points are dropped and counted, and the answer is the same.")
    @ApiResponse(
            responseCode = "200",
            description = "Accepted",
            content = @Content(schema = @Schema(implementation = OverlandAnswer.class)))
    ResponseEntity<byte[]> overland(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            description =
                                    "{\"locations\": [GeoJSON Feature, ...]} (https://github.com/aaronpk/Overland-iOS#api)",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema =
                                                    @Schema(
                                                            implementation =
                                                                    IngestBodies.OverlandBatch
                                                                            .class)))
                    @RequestBody
                    byte[] body,
            @Parameter(description = "the device key, when the app cannot send a header")
                    @RequestParam(required = false)
                    String token,
            @Parameter(hidden = true)
                    @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                    String authorization,
            HttpServletRequest request) {
        // The parameter, when there is one, is the key on purpose: the header may carry something
        // else (an access token some client adds to every request).
        String key = token;
        if (key == null
                && authorization != null
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            key = authorization.substring(BEARER.length()).strip();
        }
        IngestService.Sender sender = ingest.authenticate(key, clients.of(request));
        ingest.record(sender, "overland", Overland.read(Fixes.parse(body)));
        return exactly(OverlandAnswer.OK);
    }

    /**
     * The bytes as they are: a phone protocol's answer is exactly what its app expects, without the
     * newline that ends the API's JSON answers for a terminal's sake.
     */
    private static ResponseEntity<byte[]> exactly(byte[] json) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }

    /** 401 with the challenge the app understands; the problem+json body as every 4xx has. */
    @ExceptionHandler(DeviceKeyRefusedException.class)
    ResponseEntity<ProblemDetail> refused(DeviceKeyRefusedException e, HttpServletRequest request) {
        boolean basic = request.getRequestURI().endsWith("/owntracks");
        return ResponseEntity.status(e.status())
                .header(
                        HttpHeaders.WWW_AUTHENTICATE,
                        basic ? "Basic realm=\"Waymark\"" : "Bearer realm=\"Waymark\"")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(e));
    }

    private ResponseEntity<Void> osmAnd(
            Map<String, List<String>> parameters, HttpServletRequest request) {
        IngestService.Sender sender =
                ingest.authenticate(OsmAnd.key(parameters), clients.of(request));
        ingest.record(sender, "osmand", OsmAnd.read(parameters));
        return ResponseEntity.ok().build();
    }

    private static final String OSMAND =
            "id: the device key; lat and lon, or location=lat,lon; timestamp in epoch seconds or "
                    + "milliseconds or ISO 8601 (default now); accuracy and altitude in metres; speed in "
                    + "knots (or speed_mps in m/s, for GPSLogger's %SPD); bearing or heading in degrees; "
                    + "batt in percent. Answers 200 with an empty body; an invalid point is dropped, not "
                    + "refused, so the app never resends it forever.";

    /** The two OwnTracks messages that show a person in the app: their location and their card. */
    private static List<Map<String, Object>> ownTracksMessages(IngestService.Member member) {
        Location latest = member.latest();
        String topic = "owntracks/" + member.userName() + "/waymark";
        String tid = trackerId(member.userName());
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("_type", "location");
        location.put("lat", degrees(latest.latE6()));
        location.put("lon", degrees(latest.lngE6()));
        location.put("tst", latest.recordedAt().getEpochSecond());
        location.put("tid", tid);
        location.put("topic", topic);
        if (latest.accuracyM() != null) {
            location.put("acc", Math.round(latest.accuracyM()));
        }
        if (latest.batteryPct() != null) {
            location.put("batt", Math.round(latest.batteryPct()));
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("_type", "card");
        card.put("tid", tid);
        card.put("name", member.userName());
        card.put("topic", topic);
        return List.of(location, card);
    }

    /**
     * Two characters, as OwnTracks shows them on the map: the name's first two letters or digits.
     */
    static String trackerId(String userName) {
        String letters = userName.replaceAll("[^\\p{L}\\p{N}]", "");
        String source = letters.isEmpty() ? "??" : letters;
        return source.substring(0, Math.min(2, source.length())).toUpperCase(Locale.ROOT);
    }

    private static BigDecimal degrees(int microDegrees) {
        return BigDecimal.valueOf(microDegrees, 6).stripTrailingZeros();
    }

    /** [user, password] of an HTTP Basic header; empty strings when there is none. */
    private static String[] basic(String authorization) {
        if (authorization == null
                || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            throw new DeviceKeyRefusedException();
        }
        try {
            String decoded =
                    new String(
                            Base64.getDecoder()
                                    .decode(authorization.substring(BASIC.length()).strip()),
                            StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new DeviceKeyRefusedException();
            }
            return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            throw new DeviceKeyRefusedException();
        }
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).contains("json");
    }

    private static byte[] read(HttpServletRequest request) {
        try {
            return request.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Query and form parameters alike, as Traccar reads them. */
    private static Map<String, List<String>> parameters(HttpServletRequest request) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameterMap()
                .forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
        return parameters;
    }

    /** Overland drops a batch from its queue only on exactly this answer. */
    record OverlandAnswer(String result) {
        static final byte[] OK = "{\"result\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);
    }
}
