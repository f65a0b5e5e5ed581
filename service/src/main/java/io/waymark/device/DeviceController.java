package io.waymark.device;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.shared.Caller;
import io.waymark.shared.Endpoint;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import io.waymark.web.PublicUrl;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/devices", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "devices",
        description =
                "Phones with a key of their own for the ingest endpoints (OwnTracks, Traccar Client, OsmAnd, "
                        + "GPSLogger, Overland); the key opens nothing else")
class DeviceController {

    private final DeviceService devices;
    private final PublicUrl publicUrl;

    DeviceController(DeviceService devices, PublicUrl publicUrl) {
        this.devices = devices;
        this.publicUrl = publicUrl;
    }

    @Endpoint(
            access = Endpoint.Access.SIGNED_IN,
            examples = @Endpoint.Example(body = "{\"name\":\"phone {round}\"}", status = 201))
    @PostMapping
    @Operation(
            summary = "Add a device: its key is in this answer and never shown again",
            description =
                    "The key (144 random bits) authenticates only the ingest endpoints; only its hash is kept.")
    @ApiResponse(
            responseCode = "201",
            description = "Created, with the key",
            content = @Content(schema = @Schema(implementation = DeviceResponse.Created.class)))
    ResponseEntity<DeviceResponse.Created> create(
            @Valid @RequestBody DeviceRequest request, Caller caller) {
        DeviceService.Created created = devices.create(request, caller);
        Device device = created.device();
        return ResponseEntity.created(URI.create("/api/v1/devices/" + device.id()))
                .body(
                        new DeviceResponse.Created(
                                device.id(),
                                device.userId(),
                                device.name(),
                                device.createdAt(),
                                created.key(),
                                DeviceSetup.of(
                                        publicUrl.url(),
                                        caller.userName(),
                                        created.key(),
                                        device.name())));
    }

    @Endpoint(access = Endpoint.Access.SIGNED_IN, examples = @Endpoint.Example(status = 200))
    @GetMapping
    @Operation(summary = "List devices (your own; an admin everyone's), oldest first")
    Page<DeviceResponse> list(
            @Parameter(description = "1 to 200, default 50") @RequestParam(required = false)
                    Integer limit,
            @Parameter(description = "next_cursor of the previous page")
                    @RequestParam(required = false)
                    String cursor,
            Caller caller) {
        return devices.list(PageRequest.of(limit, cursor), caller).map(DeviceResponse::of);
    }

    @Endpoint(access = Endpoint.Access.SIGNED_IN, examples = @Endpoint.Example(status = 204))
    @DeleteMapping("/{id}")
    @Operation(
            summary = "Remove a device: its key is refused at once here and within 5 s everywhere")
    @ApiResponse(responseCode = "204", description = "Removed")
    ResponseEntity<Void> delete(@PathVariable String id, Caller caller) {
        devices.delete(id, caller);
        return ResponseEntity.noContent().build();
    }
}
