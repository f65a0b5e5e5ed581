package io.waymark.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The actuator on its own port: metrics scraped there after real requests, its health groups,
 * nothing of it on the application's port, and nothing listening beyond the address it was bound
 * to.
 */
class ManagementServerTest {

    /** Its own service: the throttles it trips must not slow other tests down. */
    private static final RunningService service =
            RunningService.start(
                    TestStore.SQLITE.newDatabase(),
                    Map.of(
                            "waymark.proxies.trusted", "127.0.0.1",
                            "waymark.registrations.per-minute", "2"));

    private final Api api = service.api();
    private final Api management = service.management();
    private final Accounts accounts = new Accounts(service);

    @AfterAll
    static void stop() {
        service.stop();
    }

    @Test
    void metricsOfRequestsPoolsCachesAndSignInsAreScrapedFromTheManagementPort() {
        Accounts.Account user = accounts.user();
        String todo =
                api.post("/api/v1/todos", user.token(), Map.of("title", "scraped"))
                        .json()
                        .get("id")
                        .asString();
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/api/v1/todos/" + todo, user.token()).status()).isEqualTo(200);
        }
        assertThat(api.get("/api/v1/todos", user.token()).status()).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            assertThat(
                            api.call("POST", "/api/v1/todos")
                                    .token(user.token())
                                    .header("Idempotency-Key", "metrics-once")
                                    .json(Map.of("title", "once"))
                                    .send()
                                    .status())
                    .isEqualTo(201);
        }
        for (int i = 0; i <= 5; i++) {
            signIn(user.userName(), "wrong-" + i, "198.51.100.7");
        }
        for (int i = 0; i < 3; i++) {
            api.call("POST", "/api/v1/users")
                    .header("X-Forwarded-For", "198.51.100.8")
                    .json(
                            Map.of(
                                    "user_name",
                                    Accounts.uniqueName("many"),
                                    "password",
                                    Accounts.PASSWORD))
                    .send();
        }

        Prometheus scrape = Prometheus.scrape(management);

        assertThat(
                        scrape.value(
                                "http_server_requests_seconds_count",
                                "method",
                                "GET",
                                "uri",
                                "/api/v1/todos/{id}",
                                "status",
                                "200"))
                .isEqualTo(3);
        assertThat(
                        scrape.has(
                                "http_server_requests_seconds_bucket",
                                "uri",
                                "/api/v1/todos/{id}",
                                "le",
                                "0.001048576"))
                .as("latency histogram buckets by route template")
                .isTrue();
        assertThat(scrape.series("http_server_requests_seconds_count"))
                .as("routes are templates: no to-do id becomes a label")
                .noneMatch(series -> series.contains(todo));
        assertThat(scrape.has("hikaricp_connections_max", "pool", "waymark")).isTrue();
        assertThat(scrape.has("hikaricp_connections_max", "pool", "waymark-reads")).isTrue();
        assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
        assertThat(scrape.has("process_cpu_time_ns_total") || scrape.has("process_cpu_usage"))
                .isTrue();
        assertThat(scrape.value("cache_gets_total", "cache", "verified-tokens", "result", "hit"))
                .isGreaterThanOrEqualTo(4);
        assertThat(scrape.value("cache_gets_total", "cache", "verified-tokens", "result", "miss"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("waymark_idempotency_replays_total")).isEqualTo(1);
        assertThat(scrape.value("waymark_sign_in_attempts_total", "outcome", "success"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("waymark_sign_in_attempts_total", "outcome", "failure"))
                .isEqualTo(5);
        assertThat(scrape.value("waymark_sign_in_attempts_total", "outcome", "throttled"))
                .isEqualTo(1);
        assertThat(scrape.value("waymark_throttle_refusals_total", "throttle", "password"))
                .isEqualTo(1);
        assertThat(scrape.value("waymark_throttle_refusals_total", "throttle", "registration"))
                .isEqualTo(1);
    }

    @Test
    void healthGroupsForLivenessAndReadinessIncludeTheStore() {
        var liveness = management.get("/actuator/health/liveness", null);
        var readiness = management.get("/actuator/health/readiness", null);

        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
        assertThat(readiness.status()).isEqualTo(200);
        JsonNode components = readiness.json().get("components");
        assertThat(components.get("store").get("status").asString()).isEqualTo("UP");
        assertThat(components.has("readinessState")).isTrue();
    }

    @Test
    void onlyHealthPrometheusAndMetricsAreExposed() {
        assertThat(management.get("/actuator/metrics/jvm.memory.used", null).status())
                .isEqualTo(200);
        for (String hidden :
                new String[] {
                    "/actuator/env",
                    "/actuator/beans",
                    "/actuator/configprops",
                    "/actuator/heapdump",
                    "/actuator/threaddump",
                    "/actuator/loggers",
                    "/actuator/mappings"
                }) {
            assertThat(management.get(hidden, null).status()).as(hidden).isEqualTo(404);
        }
    }

    @Test
    void theApplicationPortServesNoActuatorAndItsHealthIsUnchanged() {
        for (String path :
                new String[] {
                    "/actuator", "/actuator/prometheus", "/actuator/health", "/actuator/metrics"
                }) {
            var answer = api.get(path, null);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.contentType()).as(path).isEqualTo("application/problem+json");
        }
        var health = api.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().toString()).isEqualTo("{\"status\":\"up\"}");
        assertThat(api.get("/health/ready", null).json().toString())
                .isEqualTo("{\"status\":\"ready\"}");
    }

    @Test
    void theManagementPortListensOnTheLoopbackAddressOnly() throws IOException {
        int port = service.managementPort();
        try (Socket bound = new Socket()) {
            bound.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        }
        // Another loopback address of this very machine:
        // refused, as any address but the bound one would be.
        assertThatThrownBy(
                        () -> {
                            try (Socket other = new Socket()) {
                                other.connect(new InetSocketAddress("127.0.0.2", port), 2_000);
                            }
                        })
                .isInstanceOf(ConnectException.class);
    }

    private Api.Response signIn(String userName, String password, String client) {
        return api.call("POST", "/api/v1/auth/token")
                .header("X-Forwarded-For", client)
                .body(
                        "application/x-www-form-urlencoded",
                        "grant_type=password&username=" + userName + "&password=" + password)
                .send();
    }
}
