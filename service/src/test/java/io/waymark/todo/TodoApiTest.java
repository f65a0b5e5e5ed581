package io.waymark.todo;

import static io.waymark.todo.TodoFixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.idempotency.IdempotencyStore;
import io.waymark.testing.Accounts.Account;
import io.waymark.testing.Api.Response;
import io.waymark.testing.OnEveryStore;
import io.waymark.testing.Pages;
import io.waymark.testing.Race;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The to-do endpoints over HTTP, on every store: validation, ownership, preconditions, races, and
 * that creating one is wired to the Idempotency-Key rules ({@code IdempotencyTest} states them).
 */
class TodoApiTest extends OnEveryStore {

    private static final String COLLECTION = "/api/v1/todos";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final int RACERS = 8;

    private Account alice;

    @BeforeEach
    void signIn() {
        alice = accounts().user();
    }

    private JsonNode create(Account owner, Map<String, Object> body) {
        Response response = api().post(COLLECTION, owner.token(), body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private static String id(JsonNode todo) {
        return todo.get("id").asString();
    }

    private List<String> titles(Account caller, String query) {
        Response response = api().get(COLLECTION + query, caller.token());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        response.json().get("items").forEach(item -> titles.add(item.get("title").asString()));
        return titles;
    }

    private static List<String> errorFields(Response response) {
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private static void assertBadField(Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(errorFields(response)).as(response.toString()).contains(field);
    }

    // ---- create, read, validation

    @Test
    void createdTodoAnswers201WithLocationETagDefaultsAndTheOwner() {
        Response created = api().post(COLLECTION, alice.token(), body("  Buy milk  "));

        assertThat(created.status()).isEqualTo(201);
        JsonNode todo = created.json();
        assertThat(created.header("Location")).isEqualTo(COLLECTION + "/" + id(todo));
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(todo.get("title").asString()).as("trimmed").isEqualTo("Buy milk");
        assertThat(todo.get("status").asString()).isEqualTo("pending");
        assertThat(todo.get("priority").asInt()).isZero();
        assertThat(todo.get("description").isNull()).isTrue();
        assertThat(todo.get("deadline").isNull()).isTrue();
        assertThat(todo.get("owner_id").asString()).isEqualTo(alice.id());
        assertThat(todo.get("version").asLong()).isEqualTo(1);
        assertThat(todo.get("created_at").asString()).isEqualTo(todo.get("updated_at").asString());

        Response read = api().get(created.header("Location"), alice.token());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(read.json()).isEqualTo(todo);
    }

    @Test
    void deadlineIsRfc3339AndComesBackInUtc() {
        JsonNode todo =
                create(
                        alice,
                        body(
                                "call",
                                "deadline",
                                "2026-05-01T19:00:00.5+02:00",
                                "status",
                                "in_progress",
                                "priority",
                                1000,
                                "description",
                                "about the van"));

        assertThat(todo.get("deadline").asString()).isEqualTo("2026-05-01T17:00:00.500Z");
        assertThat(todo.get("status").asString()).isEqualTo("in_progress");
        assertThat(todo.get("priority").asInt()).isEqualTo(1000);
        for (String bad :
                List.of(
                        "2026-05-01",
                        "2026-05-01T17:00",
                        "2026-05-01T17:00:00",
                        "tomorrow",
                        "2026-13-01T00:00:00Z")) {
            assertBadField(
                    api().post(COLLECTION, alice.token(), body("call", "deadline", bad)),
                    "deadline");
        }
    }

    @Test
    void everyFieldRuleIsA400NamingTheField() {
        assertBadField(api().post(COLLECTION, alice.token(), Map.of("priority", 1)), "title");
        assertBadField(api().post(COLLECTION, alice.token(), body("   ")), "title");
        assertBadField(api().post(COLLECTION, alice.token(), body("x".repeat(201))), "title");
        assertThat(
                        api().post(COLLECTION, alice.token(), body(" " + "x".repeat(200) + " "))
                                .status())
                .isEqualTo(201);
        assertBadField(
                api().post(COLLECTION, alice.token(), body("t", "description", "d".repeat(10_001))),
                "description");
        assertThat(
                        api().post(
                                        COLLECTION,
                                        alice.token(),
                                        body("t", "description", "d".repeat(10_000)))
                                .status())
                .isEqualTo(201);
        assertBadField(
                api().post(COLLECTION, alice.token(), body("t", "priority", -1)), "priority");
        assertBadField(
                api().post(COLLECTION, alice.token(), body("t", "priority", 1001)), "priority");
        assertBadField(
                api().post(COLLECTION, alice.token(), body("t", "status", "done")), "status");
    }

    @Test
    void serverOwnedFieldsInABodyAreRefusedNotIgnored() {
        String todoId = id(create(alice, body("mine")));
        Map<String, Object> values =
                Map.of(
                        "id",
                        "x",
                        "owner_id",
                        alice.id(),
                        "created_at",
                        "2026-01-01T00:00:00Z",
                        "updated_at",
                        "2026-01-01T00:00:00Z",
                        "version",
                        9);
        for (var field : values.entrySet()) {
            Map<String, Object> request = body("t", field.getKey(), field.getValue());
            assertBadField(api().post(COLLECTION, alice.token(), request), field.getKey());
            assertBadField(
                    api().put(COLLECTION + "/" + todoId, alice.token(), request), field.getKey());
            assertBadField(
                    api().call("PATCH", COLLECTION + "/" + todoId)
                            .token(alice.token())
                            .body(MERGE_PATCH, "{\"" + field.getKey() + "\": \"x\"}")
                            .send(),
                    field.getKey());
        }
        assertThat(
                        api().get(COLLECTION + "/" + todoId, alice.token())
                                .json()
                                .get("version")
                                .asLong())
                .isEqualTo(1);
    }

    // ---- ownership

    @Test
    void anotherUsersTodoIsNotFoundForEveryVerbAndAbsentFromTheirList() {
        Account bob = accounts().user();
        JsonNode todo = create(alice, body("alice's secret"));
        String path = COLLECTION + "/" + id(todo);

        assertThat(api().get(path, bob.token()).status()).isEqualTo(404);
        assertThat(api().put(path, bob.token(), body("stolen")).status()).isEqualTo(404);
        assertThat(
                        api().call("PATCH", path)
                                .token(bob.token())
                                .body(MERGE_PATCH, "{\"title\":\"stolen\"}")
                                .send()
                                .status())
                .isEqualTo(404);
        assertThat(
                        api().call("PUT", path)
                                .token(bob.token())
                                .header("If-Match", "\"1\"")
                                .json(body("stolen"))
                                .send()
                                .status())
                .as("even with the right ETag")
                .isEqualTo(404);
        assertThat(api().delete(path, bob.token()).status()).isEqualTo(404);
        assertThat(titles(bob, "")).doesNotContain("alice's secret");
        assertThat(titles(bob, "?q=secret")).isEmpty();
        assertThat(api().get(COLLECTION + "?owner_id=" + alice.id(), bob.token()).status())
                .isEqualTo(403);

        Response unchanged = api().get(path, alice.token());
        assertThat(unchanged.json()).isEqualTo(todo);
    }

    @Test
    void anAdminSeesEveryonesTodosAndMayFilterByOwner() {
        Account bob = accounts().user();
        Account admin = accounts().admin();
        String marker = UUID.randomUUID().toString();
        JsonNode alices = create(alice, body("alice " + marker));
        create(bob, body("bob " + marker));

        assertThat(titles(admin, "?q=" + marker))
                .containsExactlyInAnyOrder("alice " + marker, "bob " + marker);
        assertThat(titles(admin, "?q=" + marker + "&owner_id=" + bob.id()))
                .containsExactly("bob " + marker);
        assertThat(titles(alice, "?owner_id=" + alice.id())).contains("alice " + marker);
        Response patched =
                api().call("PATCH", COLLECTION + "/" + id(alices))
                        .token(admin.token())
                        .body(MERGE_PATCH, "{\"status\":\"completed\"}")
                        .send();
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("owner_id").asString())
                .as("still alice's")
                .isEqualTo(alice.id());
    }

    // ---- replace, patch, delete, preconditions

    @Test
    void putReplacesEveryFieldAndBumpsTheVersion() {
        JsonNode todo =
                create(
                        alice,
                        body(
                                "old",
                                "description",
                                "old text",
                                "deadline",
                                "2026-05-01T00:00:00Z",
                                "priority",
                                5));
        Response put =
                api().call("PUT", COLLECTION + "/" + id(todo))
                        .token(alice.token())
                        .header("If-Match", "\"1\"")
                        .json(body("new", "status", "completed"))
                        .send();

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.header("ETag")).isEqualTo("\"2\"");
        JsonNode replaced = put.json();
        assertThat(replaced.get("title").asString()).isEqualTo("new");
        assertThat(replaced.get("description").isNull())
                .as("left out: back to the default")
                .isTrue();
        assertThat(replaced.get("deadline").isNull()).isTrue();
        assertThat(replaced.get("priority").asInt()).isZero();
        assertThat(replaced.get("status").asString()).isEqualTo("completed");
        assertThat(replaced.get("created_at")).isEqualTo(todo.get("created_at"));
        assertThat(api().put(COLLECTION + "/no-such-id", alice.token(), body("x")).status())
                .isEqualTo(404);
    }

    @Test
    void patchIsAJsonMergePatch() {
        JsonNode todo =
                create(
                        alice,
                        body(
                                "title",
                                "description",
                                "text",
                                "deadline",
                                "2026-05-01T00:00:00Z",
                                "priority",
                                5));
        String path = COLLECTION + "/" + id(todo);

        Response renamed =
                api().call("PATCH", path)
                        .token(alice.token())
                        .body(MERGE_PATCH, "{\"title\":\" renamed \"}")
                        .send();
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.header("ETag")).isEqualTo("\"2\"");
        assertThat(renamed.json().get("title").asString()).isEqualTo("renamed");
        assertThat(renamed.json().get("description").asString())
                .as("absent members are kept")
                .isEqualTo("text");
        assertThat(renamed.json().get("priority").asInt()).isEqualTo(5);

        Response removed =
                api().call("PATCH", path)
                        .token(alice.token())
                        .body(MERGE_PATCH, "{\"description\":null,\"deadline\":null}")
                        .send();
        assertThat(removed.json().get("description").isNull()).as("null removes").isTrue();
        assertThat(removed.json().get("deadline").isNull()).isTrue();

        Response plainJson = api().patch(path, alice.token(), Map.of("status", "in_progress"));
        assertThat(plainJson.status()).as("plain JSON is accepted too").isEqualTo(200);
        assertThat(plainJson.json().get("status").asString()).isEqualTo("in_progress");
        assertThat(plainJson.json().get("version").asLong()).isEqualTo(4);
    }

    @Test
    void aPatchBreakingARuleIsA400NamingTheFieldAndChangesNothing() {
        String path = COLLECTION + "/" + id(create(alice, body("keep me")));

        assertBadField(
                api().call("PATCH", path)
                        .token(alice.token())
                        .body(MERGE_PATCH, "{\"title\":null}")
                        .send(),
                "title");
        assertBadField(
                api().call("PATCH", path)
                        .token(alice.token())
                        .body(MERGE_PATCH, "{\"title\":\"  \"}")
                        .send(),
                "title");
        assertBadField(
                api().call("PATCH", path)
                        .token(alice.token())
                        .body(MERGE_PATCH, "{\"status\":null}")
                        .send(),
                "status");
        assertBadField(
                api().call("PATCH", path)
                        .token(alice.token())
                        .body(MERGE_PATCH, "{\"priority\":2000}")
                        .send(),
                "priority");
        assertBadField(
                api().call("PATCH", path)
                        .token(alice.token())
                        .body(MERGE_PATCH, "{\"priority\":\"high\"}")
                        .send(),
                "priority");
        assertBadField(
                api().call("PATCH", path)
                        .token(alice.token())
                        .body(MERGE_PATCH, "{\"deadline\":\"soon\"}")
                        .send(),
                "deadline");
        assertBadField(
                api().call("PATCH", path)
                        .token(alice.token())
                        .body(MERGE_PATCH, "{\"colour\":\"red\"}")
                        .send(),
                "colour");
        assertBadField(
                api().call("PATCH", path).token(alice.token()).body(MERGE_PATCH, "[1]").send(),
                "body");

        JsonNode unchanged = api().get(path, alice.token()).json();
        assertThat(unchanged.get("version").asLong()).isEqualTo(1);
        assertThat(unchanged.get("title").asString()).isEqualTo("keep me");
    }

    @Test
    void aStaleIfMatchIs412ForPutPatchAndDelete() {
        String path = COLLECTION + "/" + id(create(alice, body("v1")));
        assertThat(api().patch(path, alice.token(), Map.of("title", "v2")).status()).isEqualTo(200);

        assertThat(
                        api().call("PUT", path)
                                .token(alice.token())
                                .header("If-Match", "\"1\"")
                                .json(body("x"))
                                .send()
                                .status())
                .isEqualTo(412);
        assertThat(
                        api().call("PATCH", path)
                                .token(alice.token())
                                .header("If-Match", "\"1\"")
                                .body(MERGE_PATCH, "{\"title\":\"x\"}")
                                .send()
                                .status())
                .isEqualTo(412);
        Response staleDelete =
                api().call("DELETE", path).token(alice.token()).header("If-Match", "\"1\"").send();
        assertThat(staleDelete.status()).isEqualTo(412);
        assertThat(staleDelete.json().get("type").asString())
                .isEqualTo("urn:waymark:problem:precondition-failed");
        assertThat(api().get(path, alice.token()).json().get("title").asString()).isEqualTo("v2");

        assertThat(
                        api().call("DELETE", path)
                                .token(alice.token())
                                .header("If-Match", "\"2\"")
                                .send()
                                .status())
                .isEqualTo(204);
        assertThat(api().get(path, alice.token()).status()).isEqualTo(404);
        assertThat(api().delete(path, alice.token()).status()).isEqualTo(404);
    }

    @Test
    void ofConcurrentUpdatesWithOneIfMatchExactlyOneWins() {
        String path = COLLECTION + "/" + id(create(alice, body("contested")));

        List<Integer> statuses =
                Race.run(
                        RACERS,
                        i ->
                                api().call("PATCH", path)
                                        .token(alice.token())
                                        .header("If-Match", "\"1\"")
                                        .body(MERGE_PATCH, "{\"title\":\"racer " + i + "\"}")
                                        .send()
                                        .status());

        System.out.printf(
                "[race] %s concurrent PATCH with one If-Match: %d racers, %d x 200, %d x 412%n",
                store,
                RACERS,
                statuses.stream().filter(s -> s == 200).count(),
                statuses.stream().filter(s -> s == 412).count());
        assertThat(statuses).containsOnly(200, 412);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(api().get(path, alice.token()).json().get("version").asLong()).isEqualTo(2);
    }

    // ---- lists

    @Test
    void listFiltersByStatusDeadlineAndText() {
        Account carol = accounts().user();
        create(carol, body("Pay the RENT", "deadline", "2026-04-01T00:00:00Z"));
        create(
                carol,
                body(
                        "water plants",
                        "description",
                        "the rent-a-plant ones",
                        "status",
                        "completed"));
        create(
                carol,
                body("50% off sale", "deadline", "2026-09-01T00:00:00Z", "status", "in_progress"));

        assertThat(titles(carol, "?status=completed")).containsExactly("water plants");
        assertThat(titles(carol, "?due_before=2026-05-01T00:00:00Z"))
                .containsExactly("Pay the RENT");
        assertThat(titles(carol, "?q=rent"))
                .containsExactlyInAnyOrder("Pay the RENT", "water plants");
        assertThat(titles(carol, "?q=50%25")).containsExactly("50% off sale");
        assertThat(titles(carol, "?q=rent&status=pending")).containsExactly("Pay the RENT");
        assertBadField(api().get(COLLECTION + "?status=done", carol.token()), "status");
        assertBadField(
                api().get(COLLECTION + "?due_before=yesterday", carol.token()), "due_before");
    }

    @Test
    void listSortsAndPagesWithACursor() {
        Account dave = accounts().user();
        create(dave, body("low", "priority", 1, "deadline", "2026-06-01T00:00:00Z"));
        create(dave, body("high", "priority", 900));
        create(dave, body("mid", "priority", 50, "deadline", "2026-05-01T00:00:00Z"));

        assertThat(titles(dave, "?sort=priority&order=desc")).containsExactly("high", "mid", "low");
        assertThat(titles(dave, "?sort=deadline"))
                .as("no deadline sorts last")
                .containsExactly("mid", "low", "high");
        assertThat(titles(dave, "?sort=deadline&order=desc")).containsExactly("high", "low", "mid");
        assertThat(titles(dave, "?sort=created_at&order=asc"))
                .containsExactly("low", "high", "mid");

        List<Response> pages = Pages.of(api(), COLLECTION + "?sort=priority&limit=2", dave.token());
        Response first = pages.getFirst();
        assertThat(first.json().get("items")).hasSize(2);
        String cursor = first.json().get("next_cursor").asString();
        Response second = pages.get(1);
        assertThat(second.json().get("items")).hasSize(1);
        assertThat(second.json().get("items").get(0).get("title").asString()).isEqualTo("high");
        assertThat(second.json().get("next_cursor").isNull()).isTrue();

        assertBadField(api().get(COLLECTION + "?limit=201", dave.token()), "limit");
        assertBadField(api().get(COLLECTION + "?limit=0", dave.token()), "limit");
        assertBadField(api().get(COLLECTION + "?sort=title", dave.token()), "sort");
        assertBadField(api().get(COLLECTION + "?order=up", dave.token()), "order");
        assertBadField(api().get(COLLECTION + "?cursor=garbage", dave.token()), "cursor");
        assertBadField(
                api().get(COLLECTION + "?sort=deadline&cursor=" + cursor, dave.token()), "cursor");
    }

    // ---- idempotency: the wiring only

    @Test
    void aRetryWithTheSameKeyAndBodyReplaysTheFirstAnswerAndCreatesNothing() {
        Account erin = accounts().user();
        String key = UUID.randomUUID().toString();
        Response first =
                api().call("POST", COLLECTION)
                        .token(erin.token())
                        .header("Idempotency-Key", key)
                        .json(body("once", "priority", 3))
                        .send();
        Response retry =
                api().call("POST", COLLECTION)
                        .token(erin.token())
                        .header("Idempotency-Key", key)
                        .json("{ \"priority\": 3, \"title\": \"once\" }")
                        .send();

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(titles(erin, "")).containsExactly("once");
    }

    // ---- user deletion

    @Test
    void deletingAUserDeletesTheirTodosAndIdempotencyKeys() {
        Account henry = accounts().user();
        String key = UUID.randomUUID().toString();
        Response created =
                api().call("POST", COLLECTION)
                        .token(henry.token())
                        .header("Idempotency-Key", key)
                        .json(body("left behind"))
                        .send();
        String todoId = id(created.json());
        Account admin = accounts().admin();

        assertThat(accounts().deleteSelf(henry).status()).isEqualTo(204);

        assertThat(api().get(COLLECTION + "/" + todoId, admin.token()).status()).isEqualTo(404);
        assertThat(bean(TodoStore.class).findById(todoId)).isEmpty();
        assertThat(bean(IdempotencyStore.class).find(henry.id(), key)).isEmpty();
    }
}
