package io.waymark.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Api;
import io.waymark.testing.OtlpReceiver;
import io.waymark.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Traces as production runs them: the service as a process configured by the standard OpenTelemetry
 * variables, a W3C {@code traceparent} continued, the span exported over OTLP/HTTP to a receiver in
 * the test, and the trace id in the log lines and in problem answers. The two tests, each with a
 * process of its own (started with the quick compiler: tracing does not depend on it), run at the
 * same time.
 */
class TracingTest {

    private static final Duration START = Duration.ofSeconds(90);

    @TempDir Path temp;

    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void aRequestsSpanIsExportedOverOtlpInTheCallersTraceAndItsIdIsInTheLogAndTheProblem() {
        String traceId = randomHex(16);
        String parentSpanId = randomHex(8);
        try (OtlpReceiver receiver = OtlpReceiver.start();
                ServiceProcess service =
                        ServiceProcess.startWithJvmOptions(
                                ServiceProcess.QUICK_START,
                                Map.of(
                                        "DATABASE_URL",
                                        "sqlite:" + temp.resolve("waymark.db"),
                                        "OTEL_EXPORTER_OTLP_ENDPOINT",
                                        receiver.endpoint(),
                                        "OTEL_BSP_SCHEDULE_DELAY",
                                        "100"))) {
            Api api = ready(service.awaitServing(START));

            Api.Response answer =
                    api.call("POST", "/api/v1/auth/token")
                            .header("traceparent", "00-" + traceId + "-" + parentSpanId + "-01")
                            .body(
                                    "application/x-www-form-urlencoded",
                                    "grant_type=password&username=nobody&password=wrong")
                            .send();
            Api.Response fresh = api.call("GET", "/api/v1/auth/me").send();

            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().get("trace_id").asString())
                    .as("the caller's trace, continued")
                    .isEqualTo(traceId);
            String freshTrace = fresh.json().get("trace_id").asString();
            assertThat(freshTrace).matches("[0-9a-f]{32}").isNotEqualTo(traceId);
            OtlpReceiver.Span span =
                    receiver.await(s -> s.traceId().equals(traceId), Duration.ofSeconds(20))
                            .orElseThrow(
                                    () ->
                                            new AssertionError(
                                                    "no span of trace "
                                                            + traceId
                                                            + " exported; received "
                                                            + receiver.spans()
                                                            + "\n"
                                                            + service.output()));
            assertThat(span.parentSpanId()).isEqualTo(parentSpanId);
            assertThat(span.attributes())
                    .containsEntry("uri", "/api/v1/auth/token")
                    .containsEntry("status", "401");
            assertThat(span.serviceName()).isEqualTo("waymark");
            assertThat(receiver.contentTypes())
                    .allMatch(type -> type.equals("application/x-protobuf"));
            assertThat(
                            service.output()
                                    .lines()
                                    .filter(line -> line.contains("POST /api/v1/auth/token 401")))
                    .anyMatch(line -> line.contains(traceId));
            assertThat(
                            service.output()
                                    .lines()
                                    .filter(line -> line.contains("GET /api/v1/auth/me 401")))
                    .anyMatch(line -> line.contains(freshTrace));
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void jsonLogLinesCarryTheTraceIdWithoutAnyExporter() {
        String traceId = randomHex(16);
        try (ServiceProcess service =
                ServiceProcess.startWithJvmOptions(
                        ServiceProcess.QUICK_START,
                        Map.of(
                                "DATABASE_URL",
                                "sqlite:" + temp.resolve("waymark.db"),
                                "LOG_FORMAT",
                                "json"))) {
            Api api = ready(service.awaitServing(START));

            Api.Response answer =
                    api.call("GET", "/api/v1/todos/missing")
                            .header("X-Request-Id", "json-trace-check")
                            .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                            .send();
            service.terminate();
            service.waitForExit(Duration.ofSeconds(30));

            assertThat(answer.json().get("trace_id").asString()).isEqualTo(traceId);
            String line =
                    service.output()
                            .lines()
                            .filter(l -> l.contains("json-trace-check"))
                            .findFirst()
                            .orElseThrow();
            JsonNode json = JsonMapper.builder().build().readTree(line);
            assertThat(json.toString()).contains("\"" + traceId + "\"");
        }
    }

    /**
     * Tomcat serves before the application has started completely: the trace id reaches the MDC
     * once the context's refresh has ended, and the readiness check answers 200 only from then on,
     * as a load balancer waits for.
     */
    private static Api ready(Api api) {
        long deadline = System.nanoTime() + START.toNanos();
        while (api.get("/health/ready", null).status() != 200) {
            assertThat(System.nanoTime()).as("ready in time").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return api;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros, which W3C Trace Context calls invalid
        return HexFormat.of().formatHex(random);
    }
}
