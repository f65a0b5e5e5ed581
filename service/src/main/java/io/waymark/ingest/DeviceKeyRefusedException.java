package io.waymark.ingest;

import io.waymark.shared.ApiException;
import io.waymark.shared.ProblemType;

/**
 * 401: no device key, or one that belongs to no device (never made, or deleted). The apps show it
 * as an authentication error; anything else a phone treats as "try again later".
 */
class DeviceKeyRefusedException extends ApiException {

    DeviceKeyRefusedException() {
        super(
                ProblemType.UNAUTHORIZED,
                "A valid device key is required (create one at POST /api/v1/devices)");
    }
}
