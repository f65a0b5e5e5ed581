package io.waymark.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.RawHttp;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every failure is application/problem+json with type, title, status and detail, and never leaks
 * internals. Error handling does not depend on the store, so SQLite is enough here.
 */
class ErrorResponsesTest {

    private final RunningService service = RunningService.on(TestStore.SQLITE);
    private final Api api = service.api();

    @Test
    void unknownRouteIsNotFound() {
        assertProblem(api.get("/no/such/page", null), 404);
        assertProblem(api.get("/api/v1/nothing-here", new Accounts(service).user().token()), 404);
    }

    @Test
    void wrongMethodIsMethodNotAllowed() {
        var response = api.call("DELETE", "/health").send();

        assertProblem(response, 405);
        assertThat(response.header("Allow")).contains("GET");
    }

    @Test
    void wrongMediaTypeIsUnsupported() {
        assertProblem(api.call("POST", "/api/v1/users").body("text/plain", "hello").send(), 415);
    }

    @Test
    void malformedJsonIsABadRequestWithoutParserInternals() {
        var response =
                api.call("POST", "/api/v1/users")
                        .body("application/json", "{\"user_name\": ")
                        .send();

        assertProblem(response, 400);
        assertThat(response.body())
                .doesNotContain("tools.jackson", "io.waymark", "Exception", "at [Source");
    }

    @Test
    void unknownFieldIsRejectedByName() {
        var response =
                api.call("POST", "/api/v1/users")
                        .json(
                                "{\"user_name\":\"somebody\",\"password\":\"correct-horse-battery\",\"is_admin\":true}")
                        .send();

        assertProblem(response, 400);
        assertThat(response.json().get("errors").get(0).get("field").asString())
                .isEqualTo("is_admin");
    }

    @Test
    void wrongJsonTypeNamesTheField() {
        var response =
                api.call("POST", "/api/v1/users")
                        .json("{\"user_name\":[1],\"password\":\"correct-horse-battery\"}")
                        .send();

        assertProblem(response, 400);
        assertThat(response.json().get("errors").get(0).get("field").asString())
                .isEqualTo("user_name");
    }

    @Test
    void bodyOverOneMebibyteIsTooLarge() {
        String big = "{\"user_name\":\"" + "x".repeat(1024 * 1024) + "\"}";

        assertProblem(api.call("POST", "/api/v1/users").json(big).send(), 413);
    }

    @Test
    void chunkedBodyOverOneMebibyteIsTooLarge() {
        byte[] chunk = "x".repeat(64 * 1024).getBytes();
        HttpRequest.BodyPublisher unknownLength =
                new HttpRequest.BodyPublisher() {
                    private final HttpRequest.BodyPublisher inner =
                            HttpRequest.BodyPublishers.fromPublisher(
                                    HttpRequest.BodyPublishers.ofByteArrays(bodyOf(chunk, 20)));

                    @Override
                    public long contentLength() {
                        // Forces chunked transfer encoding: no Content-Length to check up front.
                        return -1;
                    }

                    @Override
                    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                        inner.subscribe(subscriber);
                    }
                };

        var response =
                api.call("POST", "/api/v1/users").body("application/json", unknownLength).send();

        assertProblem(response, 413);
    }

    @Test
    void requestIdIsEchoedOrGenerated() {
        var given = api.call("GET", "/health").header("X-Request-Id", "trace-123").send();
        var generated = api.get("/health", null);
        var hostile =
                api.call("GET", "/health").header("X-Request-Id", "bad id\twith spaces").send();

        assertThat(given.header("X-Request-Id")).isEqualTo("trace-123");
        assertThat(generated.header("X-Request-Id")).isNotBlank();
        assertThat(hostile.header("X-Request-Id")).isNotEqualTo("bad id\twith spaces").isNotBlank();
    }

    @Test
    void securityHeadersForbidInlineScriptsAndFraming() {
        var response = api.get("/health", null);

        String scriptSources =
                response.header("Content-Security-Policy")
                        .replaceAll(".*script-src ([^;]*);.*", "$1");
        assertThat(scriptSources).isEqualTo("'self'");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
    }

    /** A JSON document that stays valid while it streams: one long string value. */
    private static java.util.List<byte[]> bodyOf(byte[] chunk, int copies) {
        var parts = new java.util.ArrayList<byte[]>();
        parts.add("{\"user_name\":\"".getBytes());
        parts.addAll(java.util.Collections.nCopies(copies, chunk));
        parts.add("\"}".getBytes());
        return parts;
    }

    /** Refused by Tomcat before any servlet runs: its error valve writes the problem. */
    @Test
    void headersTooLargeForTomcatAreAProblemToo() {
        RawHttp http = RawHttp.to(api);
        RawHttp.Answer answer =
                http.request("GET", "/health").header("X-Padding", "a".repeat(64 * 1024)).send();

        assertThat(answer.status()).isBetween(400, 499);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        var json = JsonMapper.builder().build().readTree(answer.text());
        assertThat(json.get("type").asString())
                .isEqualTo(
                        "urn:waymark:problem:"
                                + json.get("title").asString().toLowerCase().replace(' ', '-'));
        assertThat(json.get("status").asInt()).isEqualTo(answer.status());
        assertThat(json.get("detail").asString()).contains("request line or headers");
        assertThat(json.has("instance")).isFalse();
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        var json = response.json();
        assertThat(json.get("type").asString()).startsWith("urn:waymark:problem:");
        assertThat(json.get("title").asString()).isNotBlank();
        assertThat(json.get("status").asInt()).isEqualTo(status);
        assertThat(json.get("detail").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("\tat ", "Exception:", "SQL");
    }
}
