package io.waymark.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A JSON body means what it says: an enum by its position, a fraction for an integer, a string for
 * a number are 400 naming the field, on create, PUT and PATCH alike, never a value the client did
 * not send (the schema in {@code /openapi.json} says each is invalid). The JSON reader is the same
 * for every store, so one store shows it.
 */
class StrictJsonTest {

    private final RunningService service = RunningService.on(TestStore.SQLITE);
    private final Api api = service.api();
    private final Accounts accounts = new Accounts(service);

    @Test
    void aStatusByPositionAFractionalPriorityOrANumberForTextIsRefusedEverywhere() {
        Accounts.Account alice = accounts.user();
        String id =
                api.post("/api/v1/todos", alice.token(), Map.of("title", "x"))
                        .json()
                        .get("id")
                        .asString();

        for (String member :
                List.of(
                        "\"status\":2",
                        "\"priority\":999.99",
                        "\"priority\":\"5\"",
                        "\"description\":5")) {
            String body = "{\"title\":\"x\"," + member + "}";
            String field = member.substring(1, member.indexOf('"', 1));
            assertRefused(api.post("/api/v1/todos", alice.token(), body), field);
            assertRefused(api.put("/api/v1/todos/" + id, alice.token(), body), field);
            assertRefused(patch("/api/v1/todos/" + id, alice.token(), "{" + member + "}"), field);
        }
    }

    @Test
    void aRoleByPositionIsRefusedAndNobodyBecomesAdmin() {
        Accounts.Account admin = accounts.admin();
        Accounts.Account alice = accounts.user();
        String name = Accounts.uniqueName("positional");

        assertRefused(
                api.post(
                        "/api/v1/users",
                        null,
                        "{\"user_name\":\""
                                + name
                                + "\",\"password\":\""
                                + Accounts.PASSWORD
                                + "\",\"role\":1}"),
                "role");
        assertRefused(
                api.put(
                        "/api/v1/users/" + alice.id(),
                        admin.token(),
                        "{\"user_name\":\"" + alice.userName() + "\",\"role\":1}"),
                "role");
        assertRefused(patch("/api/v1/users/" + alice.id(), admin.token(), "{\"role\":1}"), "role");
        assertThat(
                        api.get("/api/v1/users/" + alice.id(), admin.token())
                                .json()
                                .get("role")
                                .asString())
                .isEqualTo("user");
    }

    @Test
    void aCoordinateAsAStringIsRefusedInOnePingAndInABatch() {
        Accounts.Account alice = accounts.user();

        assertRefused(
                api.post("/api/v1/locations", alice.token(), "{\"lat\":\"51.5\",\"lng\":-0.12}"),
                "lat");
        assertRefused(
                api.post(
                        "/api/v1/locations",
                        alice.token(),
                        "{\"pings\":[{\"lat\":51.5,\"lng\":-0.12,\"accuracy_m\":\"5\"}]}"),
                "pings[0].accuracy_m");
    }

    private Api.Response patch(String path, String token, String body) {
        return api.call("PATCH", path)
                .token(token)
                .body("application/merge-patch+json", body)
                .send();
    }

    private static void assertRefused(Api.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        List<String> fields = new ArrayList<>();
        for (JsonNode error : response.json().path("errors")) {
            fields.add(error.path("field").asString());
        }
        assertThat(fields).as(response.body()).contains(field);
    }
}
