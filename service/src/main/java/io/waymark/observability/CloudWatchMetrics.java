package io.waymark.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.waymark.config.InvalidSettingException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-route request metrics for CloudWatch as embedded metric format (EMF) lines on standard
 * output: the awslogs driver already ships every line to CloudWatch Logs, which turns these into
 * metrics. No agent, no CloudWatch API call, no VPC endpoint or NAT: nothing the lean and standard
 * profiles do not already pay for, but the custom metrics themselves. Enabled by {@code
 * WAYMARK_CLOUDWATCH_NAMESPACE} (the infra sets {@code Waymark/ENV}).
 *
 * <p>Once a minute, for each route (method and path template) that had requests, one line with
 * {@code LatencyP99} (ms) and {@code ServerErrorRate} (% of answers that were 5xx), dimension
 * {@code Route}. Both are read from {@code http.server.requests}, the histogram the requests record
 * anyway: nothing more happens per request. The p99 is interpolated within the histogram bucket
 * like Prometheus' {@code histogram_quantile}.
 */
final class CloudWatchMetrics implements SmartLifecycle {

    static final Duration STEP = Duration.ofMinutes(1);
    private static final String REQUESTS = "http.server.requests";
    private static final Logger log = LoggerFactory.getLogger(CloudWatchMetrics.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MeterRegistry registry;
    private final String namespace;
    private final Clock clock;
    private final Consumer<String> out;

    /** The lifetime counts of each timer at the last publication, to take this minute's share. */
    private final Map<Meter.Id, Counts> previous = new HashMap<>();

    private ScheduledExecutorService scheduler;

    CloudWatchMetrics(MeterRegistry registry, String namespace, Clock clock, Consumer<String> out) {
        this.registry = registry;
        this.namespace = namespace;
        this.clock = clock;
        this.out = out;
    }

    /**
     * {@code WAYMARK_CLOUDWATCH_NAMESPACE}: empty (off, the default) or a CloudWatch namespace such
     * as Waymark/prod.
     */
    @ConfigurationProperties("waymark.cloudwatch")
    record Settings(String namespace) {

        private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9.\\-_/#: ]{1,255}");

        Settings {
            namespace = namespace == null ? "" : namespace.strip();
            if (!namespace.isEmpty()
                    && (!NAMESPACE.matcher(namespace).matches() || namespace.startsWith("AWS/"))) {
                throw new InvalidSettingException(
                        "WAYMARK_CLOUDWATCH_NAMESPACE",
                        "must be 1 to 255 letters, digits "
                                + "or . - _ / # : and not start with AWS/, got '"
                                + namespace
                                + "'");
            }
        }

        boolean enabled() {
            return !namespace.isEmpty();
        }
    }

    /** Lifetime request count, 5xx count and cumulative bucket counts of one timer. */
    private record Counts(long requests, long serverErrors, CountAtBucket[] buckets) {}

    /**
     * One route's requests in this minute: how many, how many were 5xx, and per bucket bound (ns)
     * how many were at most that.
     */
    private static final class Minute {
        long requests;
        long serverErrors;
        final TreeMap<Double, Double> atMost = new TreeMap<>();
    }

    /**
     * Writes this minute's lines; called by the scheduler, and once more when the service stops.
     */
    synchronized void publish() {
        Map<String, Minute> routes = new TreeMap<>();
        for (Timer timer : registry.find(REQUESTS).timers()) {
            String uri = timer.getId().getTag("uri");
            String method = timer.getId().getTag("method");
            String status = timer.getId().getTag("status");
            if (uri == null || method == null) {
                continue;
            }
            HistogramSnapshot snapshot = timer.takeSnapshot();
            boolean serverError = status != null && status.startsWith("5");
            Counts now =
                    new Counts(
                            snapshot.count(),
                            serverError ? snapshot.count() : 0,
                            snapshot.histogramCounts());
            Counts before = previous.put(timer.getId(), now);
            long requests = now.requests() - (before == null ? 0 : before.requests());
            if (requests <= 0) {
                continue;
            }
            Minute minute = routes.computeIfAbsent(method + " " + uri, route -> new Minute());
            minute.requests += requests;
            minute.serverErrors +=
                    now.serverErrors() - (before == null ? 0 : before.serverErrors());
            for (int i = 0; i < now.buckets().length; i++) {
                double earlier =
                        before == null || before.buckets().length <= i
                                ? 0
                                : before.buckets()[i].count();
                minute.atMost.merge(
                        now.buckets()[i].bucket(), now.buckets()[i].count() - earlier, Double::sum);
            }
        }
        long timestamp = clock.millis();
        routes.forEach((route, minute) -> out.accept(line(timestamp, route, minute)));
    }

    private String line(long timestamp, String route, Minute minute) {
        Map<String, Object> directive =
                Map.of(
                        "Namespace",
                        namespace,
                        "Dimensions",
                        List.of(List.of("Route")),
                        "Metrics",
                        List.of(
                                Map.of("Name", "LatencyP99", "Unit", "Milliseconds"),
                                Map.of("Name", "ServerErrorRate", "Unit", "Percent")));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of("Timestamp", timestamp, "CloudWatchMetrics", List.of(directive)));
        line.put("Route", route);
        line.put("LatencyP99", Math.round(p99Nanos(minute) / 1_000) / 1_000.0);
        line.put(
                "ServerErrorRate",
                Math.round(10_000.0 * minute.serverErrors / minute.requests) / 100.0);
        line.put("Requests", minute.requests);
        return JSON.writeValueAsString(line);
    }

    /**
     * The 99th percentile, interpolated linearly inside the bucket it falls in; past the last bound
     * (the histogram's maximum expected value) it is that bound.
     */
    private static double p99Nanos(Minute minute) {
        double rank = 0.99 * minute.requests;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : minute.atMost.entrySet()) {
            if (bucket.getValue() >= rank) {
                double inBucket = bucket.getValue() - lowerCount;
                double share = inBucket <= 0 ? 1 : (rank - lowerCount) / inBucket;
                return lowerBound + share * (bucket.getKey() - lowerBound);
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }

    @Override
    public synchronized void start() {
        if (namespace.isEmpty()) {
            return; // WAYMARK_CLOUDWATCH_NAMESPACE set to nothing: off, as when it is not set
        }
        // The first call only records where the counts stand:
        // requests before it (start-up checks) are not this minute's.
        publish();
        scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().name("cloudwatch-metrics").daemon().factory());
        scheduler.scheduleAtFixedRate(
                this::publishSafely, STEP.toMillis(), STEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void publishSafely() {
        try {
            publish();
        } catch (RuntimeException e) {
            log.warn("CloudWatch metrics not written this minute: {}", e.toString());
        }
    }

    /**
     * After the web server stopped: the last, partial minute is written too, so a deployment loses
     * no data point.
     */
    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
            publishSafely();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /**
     * Below the web server's phase (DEFAULT_PHASE - 2048): stops after it has finished its last
     * requests.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
