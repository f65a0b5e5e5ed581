package io.waymark.ingest;

import io.waymark.shared.ApiException;
import org.springframework.http.HttpStatus;

/**
 * 401: no device key, or one that belongs to no device (never made, or deleted). The apps show it
 * as an authentication error; anything else a phone treats as "try again later".
 */
class DeviceKeyRefusedException extends ApiException {

    DeviceKeyRefusedException() {
        super(
                HttpStatus.UNAUTHORIZED,
                "unauthorized",
                "A valid device key is required (create one at POST /api/v1/devices)");
    }
}
