package io.waymark.device;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/devices}: only a name; the id, key and owner are the server's.
 */
record DeviceRequest(
        @NotBlank(message = NAME_MESSAGE) @Size(max = 100, message = NAME_MESSAGE) @Pattern(
                        regexp = "[^\\x00-\\x1f\\x7f]*",
                        message = "must not contain control characters")
                String name) {

    static final String NAME_MESSAGE =
            "is required: 1 to 100 characters (leading and trailing spaces are trimmed)";

    DeviceRequest {
        name = name == null ? null : name.strip();
    }
}
