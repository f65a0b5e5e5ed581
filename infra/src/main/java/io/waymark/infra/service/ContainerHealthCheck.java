package io.waymark.infra.service;

import java.time.Duration;
import java.util.List;

/**
 * The container health check, one definition for the image and the task: the Dockerfile's {@code
 * HEALTHCHECK} carries the same values (a test ties the two) and the ECS task definition is built
 * from these.
 *
 * <p>It asks for liveness ({@code GET /health}, no I/O): a container check that touched the
 * database would mark every task unhealthy at once during a Multi-AZ failover or an EFS hiccup, and
 * ECS would replace them all. The ALB target group asks the same: ECS replaces a task that fails
 * the target group's check too.
 *
 * @param command what ECS runs ({@code CMD-SHELL} form)
 * @param interval time between probes
 * @param timeout how long one probe may take
 * @param retries consecutive failures that make the container unhealthy
 * @param startPeriod failures that do not count while the JVM starts: {@link
 *     #MEASURED_START_TO_READY} with margin
 */
public record ContainerHealthCheck(
        List<String> command,
        Duration interval,
        Duration timeout,
        int retries,
        Duration startPeriod) {

    /** The service's liveness endpoint, which {@code scripts/container/healthcheck} asks. */
    public static final String LIVENESS_PATH = "/health";

    /** Where the Dockerfile copies {@code scripts/container/healthcheck}. */
    public static final String SCRIPT = "/usr/local/bin/waymark-healthcheck";

    /**
     * Process start to {@code /health/ready} of {@code serve} in the lean limits (0.25 vCPU, 512
     * MB, the image's entry point with its flags and AOT cache, C1 only), on a new database and on
     * a restart alike: 8.9 s and 8.9 s in {@code bench/run --lean}, 2026-12-01
     * (docs/benchmarks.md), rounded up. That is serve starting from its build-time context (Spring
     * AOT); a setting that keeps it off that context (an OTLP endpoint: {@code -c tracing=xray})
     * starts it the ordinary way, 11–12 s, still well inside the start period below.
     */
    public static final Duration MEASURED_START_TO_READY = Duration.ofSeconds(9);

    /**
     * The one health check of the serve container. The start period is the measured start-up three
     * times over (rounded up to 10 s): Graviton, EFS and a busy host run slower than the
     * measurement, and a task that misses it counts as failed for the deployment circuit breaker;
     * after it, three failed probes 10 s apart still give 30 s more.
     */
    public static final ContainerHealthCheck SERVE =
            new ContainerHealthCheck(
                    List.of("CMD-SHELL", SCRIPT + " || exit 1"),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(5),
                    3,
                    roundUpTo10s(MEASURED_START_TO_READY.multipliedBy(3)));

    private static Duration roundUpTo10s(Duration duration) {
        return Duration.ofSeconds((duration.toSeconds() + 9) / 10 * 10);
    }

    /**
     * As the Dockerfile writes it: {@code --interval=10s --timeout=5s --start-period=30s
     * --retries=3}.
     */
    public String dockerfileOptions() {
        return "--interval="
                + interval.toSeconds()
                + "s --timeout="
                + timeout.toSeconds()
                + "s --start-period="
                + startPeriod.toSeconds()
                + "s --retries="
                + retries;
    }
}
