package io.waymark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the tests: real requests over the loopback, answers as status, headers
 * and JSON. Every answer to a documented operation is checked against the service's own {@code
 * /openapi.json} ({@link ApiContract}): an answer the document does not describe fails the test
 * that got it.
 */
public final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final boolean checked;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Api(String baseUrl) {
        this(baseUrl, true);
    }

    private Api(String baseUrl, boolean checked) {
        this.baseUrl = baseUrl;
        this.checked = checked;
    }

    /** For a server without an API description of its own (the management port). */
    public static Api unchecked(String baseUrl) {
        return new Api(baseUrl, false);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Starts a request; add headers and a body, then {@link Call#send()}. */
    public Call call(String method, String path) {
        return new Call(method, path);
    }

    public Response get(String path, String token) {
        return call("GET", path).token(token).send();
    }

    public Response post(String path, String token, Object body) {
        return call("POST", path).token(token).json(body).send();
    }

    public Response put(String path, String token, Object body) {
        return call("PUT", path).token(token).json(body).send();
    }

    public Response patch(String path, String token, Object body) {
        return call("PATCH", path).token(token).json(body).send();
    }

    public Response delete(String path, String token) {
        return call("DELETE", path).token(token).send();
    }

    public Response delete(String path, String token, Object body) {
        return call("DELETE", path).token(token).json(body).send();
    }

    public final class Call {
        private final String method;
        private final String path;
        private final List<String> headers = new ArrayList<>();
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Call token(String token) {
            return token == null ? this : header("Authorization", "Bearer " + token);
        }

        public Call header(String name, String value) {
            headers.add(name);
            headers.add(value);
            return this;
        }

        /** A JSON body: a String is sent as is, anything else is serialized. */
        public Call json(Object value) {
            String text = value instanceof String s ? s : JSON.writeValueAsString(value);
            return body("application/json", text);
        }

        public Call body(String contentType, String text) {
            header("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofString(text);
            return this;
        }

        public Call body(String contentType, HttpRequest.BodyPublisher publisher) {
            header("Content-Type", contentType);
            body = publisher;
            return this;
        }

        public Response send() {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(baseUrl + path))
                            .timeout(Duration.ofSeconds(30))
                            .method(method, body);
            if (!headers.isEmpty()) {
                request.headers(headers.toArray(String[]::new));
            }
            try {
                HttpResponse<String> response =
                        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                Response answer =
                        new Response(response.statusCode(), response.headers(), response.body());
                if (checked) {
                    check(method, path, answer);
                }
                return answer;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void check(String method, String path, Response answer) {
        if (path.startsWith("/openapi.json")) {
            return;
        }
        Map<String, String> headers = new HashMap<>();
        answer.headers()
                .map()
                .forEach(
                        (name, values) ->
                                headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
        List<String> violations =
                ApiContract.of(baseUrl, this::document)
                        .violations(method, path, answer.status(), headers, answer.body());
        if (!violations.isEmpty()) {
            throw new AssertionError(
                    "The answer does not fit /openapi.json:\n  " + String.join("\n  ", violations));
        }
    }

    private String document() {
        Response document = unchecked(baseUrl).get("/openapi.json", null);
        if (document.status() != 200) {
            throw new IllegalStateException("GET /openapi.json answered " + document);
        }
        return document.body();
    }

    /** An answer: status, headers, and the body as text or JSON. */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
