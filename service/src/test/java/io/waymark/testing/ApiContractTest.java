package io.waymark.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker every HTTP test's answers go through finds what the document does not allow. */
class ApiContractTest {

    private static final String TODO =
            """
            {"id":"t1","title":"a","description":null,"deadline":null,"status":"pending","priority":0,\
            "place":null,"distance_m":null,"start_on_arrival":false,"last_arrived_at":null,"owner_id":"u1","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","version":1}""";
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");
    private static final Map<String, String> PROBLEM =
            Map.of("content-type", "application/problem+json");

    private final ApiContract contract =
            new ApiContract(
                    new Api(RunningService.on(TestStore.SQLITE).api().baseUrl())
                            .call("GET", "/openapi.json")
                            .send()
                            .body());

    @Test
    void aDocumentedAnswerFits() {
        assertThat(contract.violations("GET", "/api/v1/todos/t1", 200, JSON, TODO)).isEmpty();
        assertThat(contract.violations("HEAD", "/api/v1/todos/t1", 200, JSON, "")).isEmpty();
        assertThat(contract.violations("DELETE", "/api/v1/todos/t1", 204, Map.of(), "")).isEmpty();
        assertThat(
                        contract.violations(
                                "GET",
                                "/api/v1/todos/t1",
                                406,
                                PROBLEM,
                                "{\"type\":\"urn:waymark:problem:not-acceptable\",\"title\":\"Not Acceptable\",\"status\":406}"))
                .as("an error the operation does not list falls under default")
                .isEmpty();
        assertThat(
                        contract.violations(
                                "GET",
                                "/app.js",
                                200,
                                Map.of("content-type", "text/javascript"),
                                "x"))
                .as("not an operation")
                .isEmpty();
    }

    @Test
    void statusesContentTypesAndHeadersOutsideTheDocumentAreFound() {
        assertThat(contract.violations("GET", "/api/v1/todos/t1", 201, JSON, TODO))
                .singleElement()
                .asString()
                .contains("a status the document does not list");
        assertThat(
                        contract.violations(
                                "GET",
                                "/api/v1/todos/t1",
                                200,
                                Map.of("content-type", "text/plain"),
                                TODO))
                .singleElement()
                .asString()
                .contains("Content-Type text/plain");
        assertThat(contract.violations("DELETE", "/api/v1/todos/t1", 204, Map.of(), "{}"))
                .singleElement()
                .asString()
                .contains("with a body");
        assertThat(
                        contract.violations(
                                "POST",
                                "/api/v1/auth/token",
                                429,
                                PROBLEM,
                                "{\"type\":\"urn:waymark:problem:too-many-requests\",\"title\":\"Too Many Requests\",\"status\":429}"))
                .singleElement()
                .asString()
                .contains("without the required header Retry-After");
    }

    @Test
    void bodiesOutsideTheirSchemaAreFound() {
        assertThat(
                        contract.violations(
                                "GET",
                                "/api/v1/todos/t1",
                                200,
                                JSON,
                                TODO.replace("\"title\":\"a\",", "")))
                .as("a required field missing")
                .isNotEmpty();
        assertThat(
                        contract.violations(
                                "GET",
                                "/api/v1/todos/t1",
                                200,
                                JSON,
                                TODO.replace("\"id\":\"t1\"", "\"id\":null")))
                .as("null where the type has none")
                .isNotEmpty();
        assertThat(
                        contract.violations(
                                "GET",
                                "/api/v1/todos/t1",
                                200,
                                JSON,
                                TODO.replace("}", ",\"secret\":1}")))
                .as("an undescribed field")
                .isNotEmpty();
        assertThat(
                        contract.violations(
                                "GET",
                                "/api/v1/todos/t1",
                                200,
                                JSON,
                                TODO.replace("2026-01-01T00:00:00Z\",\"v", "yesterday\",\"v")))
                .as("a date-time that is none")
                .isNotEmpty();
        assertThat(
                        contract.violations(
                                "GET",
                                "/api/v1/todos/t1",
                                404,
                                PROBLEM,
                                "{\"title\":\"Not Found\",\"status\":404}"))
                .as("a problem without its type")
                .isNotEmpty();
        assertThat(contract.violations("GET", "/api/v1/todos/t1", 404, PROBLEM, "not json"))
                .isNotEmpty();
    }
}
