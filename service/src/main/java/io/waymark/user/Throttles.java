package io.waymark.user;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one meter both throttles count their refusals on, so a dashboard sums them or tells them
 * apart.
 */
final class Throttles {

    private Throttles() {}

    static Counter refusals(MeterRegistry meters, String throttle) {
        return Counter.builder("waymark.throttle.refusals")
                .tag("throttle", throttle)
                .description("Requests refused with 429 by a throttle")
                .register(meters);
    }
}
