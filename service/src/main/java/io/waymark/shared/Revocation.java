package io.waymark.shared;

import java.time.Duration;

/**
 * How long a credential ended on one instance (a token signed out, a password changed, a device
 * deleted) may still be taken by another: each instance remembers a check for at most this long, so
 * a revocation costs no cross-instance messaging and one store read per credential per bound.
 */
public final class Revocation {

    public static final Duration BOUND = Duration.ofSeconds(5);

    private Revocation() {}
}
