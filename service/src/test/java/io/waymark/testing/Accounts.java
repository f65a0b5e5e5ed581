package io.waymark.testing;

import io.waymark.user.AdminAccounts;
import java.util.Map;
import java.util.UUID;

/** The one fixture for users: registers (or creates admins) with unique names and signs them in. */
public final class Accounts {

    public static final String PASSWORD = "correct-horse-battery";

    private final RunningService service;

    public Accounts(RunningService service) {
        this.service = service;
    }

    /** A signed-in account: its id, user name and access token. */
    public record Account(String id, String userName, String token) {}

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Account user() {
        return user(uniqueName("user"));
    }

    /** A user of this name, which must be new to the service's database. */
    public Account user(String name) {
        return registered(service.api(), name);
    }

    /**
     * A new user registered and signed in through any running service, including one in another
     * process.
     */
    public static Account registered(Api api, String name) {
        var registered =
                api.post("/api/v1/users", null, Map.of("user_name", name, "password", PASSWORD));
        if (registered.status() != 201) {
            throw new IllegalStateException("Registration failed: " + registered);
        }
        return new Account(
                registered.json().get("id").asString(), name, new SignIn(api).as(name, PASSWORD));
    }

    public Account admin() {
        return admin(uniqueName("admin"));
    }

    public Account admin(String name) {
        String id = service.bean(AdminAccounts.class).createAdmin(name, PASSWORD).id();
        return new Account(id, name, signIn(name, PASSWORD));
    }

    /** The account deletes itself, with its password, as deleting your own account takes it. */
    public Api.Response deleteSelf(Account account) {
        return service.api()
                .delete(
                        "/api/v1/users/" + account.id(),
                        account.token(),
                        Map.of("current_password", PASSWORD));
    }

    /** The account changes its own password, with the current one, as that change takes it. */
    public Api.Response changeOwnPassword(Account account, String newPassword) {
        return service.api()
                .patch(
                        "/api/v1/users/" + account.id(),
                        account.token(),
                        Map.of("password", newPassword, "current_password", PASSWORD));
    }

    public String signIn(String userName, String password) {
        return new SignIn(service.api()).as(userName, password);
    }

    /** Signs in against any running service, including one in another process. */
    public record SignIn(Api api) {

        public String as(String userName, String password) {
            var response =
                    api.call("POST", "/api/v1/auth/token")
                            .body(
                                    "application/x-www-form-urlencoded",
                                    "grant_type=password&username="
                                            + userName
                                            + "&password="
                                            + password)
                            .send();
            if (response.status() != 200) {
                throw new IllegalStateException("Sign-in failed: " + response);
            }
            return response.json().get("access_token").asString();
        }
    }
}
