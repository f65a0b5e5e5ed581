package io.waymark.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.shared.IdGenerator;
import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.OnEveryStore;
import io.waymark.testing.Pages;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The user endpoints over HTTP, on every store: registration, self-or-admin access, upsert, roles,
 * ETags.
 */
class UserApiTest extends OnEveryStore {

    private static Map<String, Object> registration(String name) {
        return Map.of("user_name", name, "password", Accounts.PASSWORD);
    }

    @Test
    void registrationCreatesAPlainUserWithoutExposingTheHash() {
        String name = Accounts.uniqueName("new");

        var response = api().post("/api/v1/users", null, registration(name));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Location"))
                .isEqualTo("/api/v1/users/" + response.json().get("id").asString());
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
        assertThat(response.json().get("role").asString()).isEqualTo("user");
        assertThat(response.json().get("user_name").asString()).isEqualTo(name);
        assertThat(response.json().get("created_at").asString())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(response.body()).doesNotContain("password", "bcrypt", "$2a$");
    }

    @Test
    void duplicateUserNamesAreAConflictIgnoringCase() {
        String name = Accounts.uniqueName("dup");
        api().post("/api/v1/users", null, registration(name));

        var again = api().post("/api/v1/users", null, registration(name.toUpperCase()));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void invalidRegistrationsNameEachBadField() {
        var response =
                api().post("/api/v1/users", null, Map.of("user_name", "a b", "password", "short"));

        assertThat(response.status()).isEqualTo(400);
        Set<String> fields = new HashSet<>();
        response.json().get("errors").forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("user_name", "password");
    }

    @Test
    void onlyAnAdminMayCreateAnAdmin() {
        var byNobody =
                api().post(
                                "/api/v1/users",
                                null,
                                Map.of(
                                        "user_name",
                                        Accounts.uniqueName("x"),
                                        "password",
                                        Accounts.PASSWORD,
                                        "role",
                                        "admin"));
        var byUser =
                api().post(
                                "/api/v1/users",
                                accounts().user().token(),
                                Map.of(
                                        "user_name",
                                        Accounts.uniqueName("x"),
                                        "password",
                                        Accounts.PASSWORD,
                                        "role",
                                        "admin"));
        var byAdmin =
                api().post(
                                "/api/v1/users",
                                accounts().admin().token(),
                                Map.of(
                                        "user_name",
                                        Accounts.uniqueName("x"),
                                        "password",
                                        Accounts.PASSWORD,
                                        "role",
                                        "admin"));

        assertThat(byNobody.status()).isEqualTo(403);
        assertThat(byUser.status()).isEqualTo(403);
        assertThat(byAdmin.status()).isEqualTo(201);
        assertThat(byAdmin.json().get("role").asString()).isEqualTo("admin");
    }

    @Test
    void aUserReadsThemselvesButNotOthers() {
        Accounts.Account alice = accounts().user();
        Accounts.Account bob = accounts().user();

        assertThat(api().get("/api/v1/users/" + alice.id(), alice.token()).status()).isEqualTo(200);
        assertThat(api().get("/api/v1/users/" + bob.id(), alice.token()).status()).isEqualTo(403);
        assertThat(
                        api().patch(
                                        "/api/v1/users/" + bob.id(),
                                        alice.token(),
                                        Map.of("user_name", "hijack"))
                                .status())
                .isEqualTo(403);
        assertThat(api().delete("/api/v1/users/" + bob.id(), alice.token()).status())
                .isEqualTo(403);
        assertThat(api().get("/api/v1/users/" + bob.id(), accounts().admin().token()).status())
                .isEqualTo(200);
    }

    @Test
    void adminListsUsersPageByPage() {
        Accounts.Account admin = accounts().admin();
        for (int i = 0; i < 3; i++) {
            accounts().user();
        }
        Set<String> seen = new HashSet<>();
        for (var page : Pages.of(api(), "/api/v1/users?limit=2", admin.token())) {
            assertThat(page.status()).isEqualTo(200);
            JsonNode items = page.json().get("items");
            assertThat(items.size()).isLessThanOrEqualTo(2);
            items.forEach(user -> assertThat(seen.add(user.get("id").asString())).isTrue());
            assertThat(page.body()).doesNotContain("password");
        }

        assertThat(seen).contains(admin.id()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(api().get("/api/v1/users?limit=201", admin.token()).status()).isEqualTo(400);
        assertThat(api().get("/api/v1/users?cursor=%25%25", admin.token()).status()).isEqualTo(400);
    }

    @Test
    void putReplacesTheCallerAndKeepsThePasswordWhenLeftOut() {
        Accounts.Account alice = accounts().user();
        String renamed = Accounts.uniqueName("renamed");

        var replaced =
                api().put(
                                "/api/v1/users/" + alice.id(),
                                alice.token(),
                                Map.of(
                                        "user_name",
                                        renamed,
                                        "current_password",
                                        Accounts.PASSWORD));

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("user_name").asString()).isEqualTo(renamed);
        assertThat(replaced.header("ETag")).isEqualTo("\"2\"");
        assertThat(accounts().signIn(renamed, Accounts.PASSWORD)).isNotBlank();
    }

    @Test
    void putByAnAdminCreatesAUserUnderTheGivenId() {
        Accounts.Account admin = accounts().admin();
        String id = bean(IdGenerator.class).newId();
        String name = Accounts.uniqueName("chosen");

        var created = api().put("/api/v1/users/" + id, admin.token(), registration(name));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("id").asString()).isEqualTo(id);
        assertThat(
                        api().get("/api/v1/users/" + id, admin.token())
                                .json()
                                .get("user_name")
                                .asString())
                .isEqualTo(name);
    }

    @Test
    void aUserCannotChangeTheirOwnRoleButAnAdminCan() {
        Accounts.Account alice = accounts().user();

        var selfPromotion =
                api().patch("/api/v1/users/" + alice.id(), alice.token(), Map.of("role", "admin"));
        var samePut =
                api().put(
                                "/api/v1/users/" + alice.id(),
                                alice.token(),
                                Map.of("user_name", alice.userName(), "role", "admin"));
        var byAdmin =
                api().patch(
                                "/api/v1/users/" + alice.id(),
                                accounts().admin().token(),
                                Map.of("role", "admin"));

        assertThat(selfPromotion.status()).isEqualTo(403);
        assertThat(samePut.status()).isEqualTo(403);
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().get("role").asString()).isEqualTo("admin");
    }

    @Test
    void patchAcceptsMergePatchAndChangesOnlyTheGivenFields() {
        Accounts.Account alice = accounts().user();

        var patched =
                api().call("PATCH", "/api/v1/users/" + alice.id())
                        .token(alice.token())
                        .body(
                                "application/merge-patch+json",
                                "{\"password\":\"another-long-password\",\"current_password\":\""
                                        + Accounts.PASSWORD
                                        + "\"}")
                        .send();

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("user_name").asString()).isEqualTo(alice.userName());
        assertThat(accounts().signIn(alice.userName(), "another-long-password")).isNotBlank();
    }

    @Test
    void staleIfMatchIsAPreconditionFailure() {
        Accounts.Account alice = accounts().user();
        String etag = api().get("/api/v1/users/" + alice.id(), alice.token()).header("ETag");
        var first =
                api().call("PATCH", "/api/v1/users/" + alice.id())
                        .token(alice.token())
                        .header("If-Match", etag)
                        .json(
                                Map.of(
                                        "user_name",
                                        Accounts.uniqueName("first"),
                                        "current_password",
                                        Accounts.PASSWORD))
                        .send();

        var stale =
                api().call("PATCH", "/api/v1/users/" + alice.id())
                        .token(alice.token())
                        .header("If-Match", etag)
                        .json(
                                Map.of(
                                        "user_name",
                                        Accounts.uniqueName("second"),
                                        "current_password",
                                        Accounts.PASSWORD))
                        .send();
        var staleDelete =
                api().call("DELETE", "/api/v1/users/" + alice.id())
                        .token(alice.token())
                        .header("If-Match", etag)
                        .json(Map.of("current_password", Accounts.PASSWORD))
                        .send();

        assertThat(first.status()).isEqualTo(200);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(staleDelete.status()).isEqualTo(412);
        assertThat(api().get("/api/v1/users/" + alice.id(), alice.token()).status()).isEqualTo(200);
    }

    @Test
    void deletedUsersAreGoneAndTheirTokensFindNothing() {
        Accounts.Account alice = accounts().user();

        assertThat(accounts().deleteSelf(alice).status()).isEqualTo(204);
        assertThat(api().get("/api/v1/users/" + alice.id(), accounts().admin().token()).status())
                .isEqualTo(404);
        assertThat(api().get("/api/v1/auth/me", alice.token()).status()).isEqualTo(401);
    }

    @Test
    void changingYourOwnPasswordTakesTheCurrentOneButAnAdminResetsWithout() {
        Accounts.Account alice = accounts().user();
        String path = "/api/v1/users/" + alice.id();

        var without = api().patch(path, alice.token(), Map.of("password", "stolen-token-takeover"));
        var wrong =
                api().patch(
                                path,
                                alice.token(),
                                Map.of(
                                        "password",
                                        "stolen-token-takeover",
                                        "current_password",
                                        "a-guess-at-it"));
        var replaceWithout =
                api().put(
                                path,
                                alice.token(),
                                Map.of(
                                        "user_name",
                                        alice.userName(),
                                        "password",
                                        "stolen-token-takeover"));

        for (var refused : new Api.Response[] {without, wrong, replaceWithout}) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("current_password");
        }
        assertThat(accounts().signIn(alice.userName(), Accounts.PASSWORD))
                .as("unchanged")
                .isNotBlank();
        assertThat(
                        api().patch(
                                        path,
                                        accounts().admin().token(),
                                        Map.of("password", "reset-by-an-admin"))
                                .status())
                .isEqualTo(200);
        assertThat(accounts().signIn(alice.userName(), "reset-by-an-admin")).isNotBlank();
    }

    @Test
    void renamingYourOwnAccountTakesTheCurrentPasswordButAnAdminRenamesWithout() {
        Accounts.Account alice = accounts().user();
        String path = "/api/v1/users/" + alice.id();
        String stolen = Accounts.uniqueName("stolen");

        var without = api().patch(path, alice.token(), Map.of("user_name", stolen));
        var wrong =
                api().patch(
                                path,
                                alice.token(),
                                Map.of("user_name", stolen, "current_password", "a-guess-at-it"));
        var replaceWithout = api().put(path, alice.token(), Map.of("user_name", stolen));

        for (var refused : new Api.Response[] {without, wrong, replaceWithout}) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("current_password");
        }
        assertThat(accounts().signIn(alice.userName(), Accounts.PASSWORD))
                .as("the name is unchanged")
                .isNotBlank();
        assertThat(api().put(path, alice.token(), Map.of("user_name", alice.userName())).status())
                .as("a PUT that keeps the name renames nothing")
                .isEqualTo(200);
        String byAdmin = Accounts.uniqueName("by-admin");
        assertThat(
                        api().patch(path, accounts().admin().token(), Map.of("user_name", byAdmin))
                                .status())
                .isEqualTo(200);
        String byOwner = Accounts.uniqueName("by-owner");
        assertThat(
                        api().patch(
                                        path,
                                        alice.token(),
                                        Map.of(
                                                "user_name",
                                                byOwner,
                                                "current_password",
                                                Accounts.PASSWORD))
                                .status())
                .isEqualTo(200);
        assertThat(accounts().signIn(byOwner, Accounts.PASSWORD)).isNotBlank();
    }

    @Test
    void deletingYourOwnAccountTakesTheCurrentPasswordButAnAdminDeletesWithout() {
        Accounts.Account alice = accounts().user();
        Accounts.Account bob = accounts().user();
        String path = "/api/v1/users/" + alice.id();

        var without = api().delete(path, alice.token());
        var wrong = api().delete(path, alice.token(), Map.of("current_password", "a-guess-at-it"));

        for (var refused : new Api.Response[] {without, wrong}) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("current_password");
        }
        assertThat(api().get(path, alice.token()).status()).as("still there").isEqualTo(200);
        assertThat(
                        api().delete(
                                        path,
                                        alice.token(),
                                        Map.of("current_password", Accounts.PASSWORD))
                                .status())
                .isEqualTo(204);
        assertThat(api().delete("/api/v1/users/" + bob.id(), accounts().admin().token()).status())
                .isEqualTo(204);
    }

    @Test
    void aPasswordLongerThanTheHashReadsIsRefusedByName() {
        String ascii = "a".repeat(100);
        String twoByte = "\u00e9".repeat(60); // 60 characters, 120 bytes in UTF-8

        for (String password : new String[] {ascii, twoByte}) {
            var response =
                    api().post(
                                    "/api/v1/users",
                                    null,
                                    Map.of(
                                            "user_name",
                                            Accounts.uniqueName("long"),
                                            "password",
                                            password));
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("password");
        }
        assertThat(
                        api().post(
                                        "/api/v1/users",
                                        null,
                                        Map.of(
                                                "user_name",
                                                Accounts.uniqueName("exact"),
                                                "password",
                                                "b".repeat(72)))
                                .status())
                .as("72 bytes is the limit, not over it")
                .isEqualTo(201);
    }

    @Test
    void signingInWithAPasswordOverTheLimitIsAWrongPasswordNotAFailure() {
        Accounts.Account alice = accounts().user();

        var response =
                api().call("POST", "/api/v1/auth/token")
                        .body(
                                "application/x-www-form-urlencoded",
                                "grant_type=password&username="
                                        + alice.userName()
                                        + "&password="
                                        + "a".repeat(100))
                        .send();

        assertThat(response.status()).isEqualTo(401);
    }
}
