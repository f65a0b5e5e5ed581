package io.waymark.badinput;

import io.waymark.badinput.BadValues.Kind;
import java.util.function.BiConsumer;

/**
 * Something that can be made bad about an operation (a parameter, a body member, a header, the
 * request itself), a kind of bad value for it, and how to put a value of that kind into a probe.
 * {@code invalidCredential}: the probe then carries a credential that must be refused with 401.
 * {@code refusedField}: the probe then carries a value no reader may coerce, which must be refused
 * with 400 naming this field as the client sent it ({@code pings[0].lat}).
 */
record Family(
        String target,
        Kind kind,
        BiConsumer<Probe, String> apply,
        boolean invalidCredential,
        String refusedField) {

    Family(String target, Kind kind, BiConsumer<Probe, String> apply) {
        this(target, kind, apply, false, null);
    }

    Family(String target, Kind kind, BiConsumer<Probe, String> apply, boolean invalidCredential) {
        this(target, kind, apply, invalidCredential, null);
    }
}
