package io.waymark.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Api;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An overloaded instance refuses what it cannot take instead of taking everything until its heap
 * runs out: here it takes one API request at a time and waits 300 ms for a place. A registration
 * whose body is still arriving holds the one place.
 */
class InFlightRequestsTest {

    private static final RunningService service =
            RunningService.start(
                    TestStore.SQLITE.newDatabase(),
                    Map.of(
                            "waymark.limits.in-flight.requests", "1",
                            "waymark.limits.in-flight.max-wait", "300ms"));

    @AfterAll
    static void stop() {
        service.stop();
    }

    @Test
    void anApiRequestBeyondTheBoundIsA503ProblemWithRetryAfterAndHealthStillAnswers()
            throws Exception {
        Api api = service.api();
        int port = URI.create(api.baseUrl()).getPort();
        try (Socket held = new Socket("127.0.0.1", port)) {
            OutputStream out = held.getOutputStream();
            out.write(
                    ("POST /api/v1/users HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                                    + "{\"user_name\":")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Api.Response refused = awaitRefusal(api);

            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asString())
                    .isEqualTo("urn:waymark:problem:overloaded");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(api.get("/health", null).status())
                    .as("health is outside the bound")
                    .isEqualTo(200);
        }
        assertThat(awaitAdmitted(api)).as("the place is free again").isEqualTo(401);
    }

    /** The held request reaches the filter a moment after its head is sent. */
    private static Api.Response awaitRefusal(Api api) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        Api.Response answer = api.get("/api/v1/auth/me", null);
        while (answer.status() != 503 && System.nanoTime() < deadline) {
            answer = api.get("/api/v1/auth/me", null);
        }
        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        return answer;
    }

    private static int awaitAdmitted(Api api) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        int status = api.get("/api/v1/auth/me", null).status();
        while (status == 503 && System.nanoTime() < deadline) {
            status = api.get("/api/v1/auth/me", null).status();
        }
        return status;
    }
}
