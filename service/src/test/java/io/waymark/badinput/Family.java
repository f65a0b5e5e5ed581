package io.waymark.badinput;

import io.waymark.badinput.BadValues.Kind;
import java.util.function.BiConsumer;

/**
 * Something that can be made bad about an operation (a parameter, a body member, a header, the
 * request itself), a kind of bad value for it, and how to put a value of that kind into a probe.
 * {@code invalidCredential}: the probe then carries a credential that must be refused with 401.
 */
record Family(
        String target, Kind kind, BiConsumer<Probe, String> apply, boolean invalidCredential) {

    Family(String target, Kind kind, BiConsumer<Probe, String> apply) {
        this(target, kind, apply, false);
    }
}
