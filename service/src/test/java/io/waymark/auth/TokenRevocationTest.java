package io.waymark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.waymark.shared.IdGenerator;
import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.OnEveryStore;
import io.waymark.testing.RunningService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Deleting a user, changing a role and changing or resetting a password end that user's tokens: at
 * once on the instance that made the change, within {@link VerifiedTokens#VERSION_CHECK} on every
 * other; the refused token is a 401, never a 500 or a stale success. The cross-instance tests,
 * which mostly wait for the bound to pass, run at the same time as the others (each has users of
 * its own).
 */
class TokenRevocationTest extends OnEveryStore {

    @Test
    void aDeletedUsersTokenIsRefusedEverywhereWithout500s() {
        Accounts.Account alice = accounts().user();
        assertThat(api().get("/api/v1/todos", alice.token()).status()).isEqualTo(200);

        assertThat(accounts().deleteSelf(alice).status()).isEqualTo(204);

        assertRefused(api().get("/api/v1/auth/me", alice.token()));
        assertRefused(api().get("/api/v1/todos", alice.token()));
        assertRefused(
                api().post("/api/v1/todos", alice.token(), Map.of("title", "after my deletion")));
        assertRefused(api().post("/api/v1/locations", alice.token(), Map.of("lat", 1, "lng", 2)));
    }

    @Test
    void aPasswordChangeEndsEveryEarlierTokenAndTheNewPasswordSignsIn() {
        Accounts.Account alice = accounts().user();
        String otherSession = accounts().signIn(alice.userName(), Accounts.PASSWORD);

        var changed = accounts().changeOwnPassword(alice, "a-brand-new-password");

        assertThat(changed.status()).isEqualTo(200);
        assertRefused(api().get("/api/v1/auth/me", alice.token()));
        assertRefused(api().get("/api/v1/auth/me", otherSession));
        String fresh = accounts().signIn(alice.userName(), "a-brand-new-password");
        assertThat(api().get("/api/v1/auth/me", fresh).status()).isEqualTo(200);
    }

    @Test
    void anAdminsPasswordResetEndsTheUsersTokens() {
        Accounts.Account alice = accounts().user();

        var reset =
                api().patch(
                                "/api/v1/users/" + alice.id(),
                                accounts().admin().token(),
                                Map.of("password", "reset-by-the-admin"));

        assertThat(reset.status()).isEqualTo(200);
        assertRefused(api().get("/api/v1/auth/me", alice.token()));
    }

    @Test
    void aDemotedAdminLosesAdminRightsAtOnce() {
        Accounts.Account demoted = accounts().admin();
        assertThat(api().get("/api/v1/users", demoted.token()).status()).isEqualTo(200);

        var demotion =
                api().patch(
                                "/api/v1/users/" + demoted.id(),
                                accounts().admin().token(),
                                Map.of("role", "user"));

        assertThat(demotion.status()).isEqualTo(200);
        assertRefused(api().get("/api/v1/users", demoted.token()));
        String asUser = accounts().signIn(demoted.userName(), Accounts.PASSWORD);
        assertThat(api().get("/api/v1/users", asUser).status()).isEqualTo(403);
    }

    @Test
    void aNameChangeKeepsTheTokens() {
        Accounts.Account alice = accounts().user();

        var renamed =
                api().patch(
                                "/api/v1/users/" + alice.id(),
                                alice.token(),
                                Map.of(
                                        "user_name",
                                        Accounts.uniqueName("renamed"),
                                        "current_password",
                                        Accounts.PASSWORD));

        assertThat(renamed.status()).isEqualTo(200);
        assertThat(api().get("/api/v1/auth/me", alice.token()).status()).isEqualTo(200);
    }

    @Test
    void signingOutEndsTheTokenAndAnyOtherTokenAnswers200() {
        Accounts.Account alice = accounts().user();
        String otherSession = accounts().signIn(alice.userName(), Accounts.PASSWORD);

        var signedOut = revoke(alice.token());

        assertThat(signedOut.status()).as(signedOut.body()).isEqualTo(200);
        assertThat(signedOut.header("Cache-Control")).contains("no-store");
        assertRefused(api().get("/api/v1/auth/me", alice.token()));
        assertRefused(api().get("/api/v1/auth/me", otherSession));
        String fresh = accounts().signIn(alice.userName(), Accounts.PASSWORD);
        // RFC 7009 §2.2: an invalid, unknown or already revoked token is no error.
        assertThat(revoke(alice.token()).status()).isEqualTo(200);
        assertThat(revoke("not-a-token").status()).isEqualTo(200);
        assertThat(revoke(otherSession).status()).isEqualTo(200);
        assertThat(api().get("/api/v1/auth/me", fresh).status())
                .as("an old token, revoked again, ends nothing issued after it")
                .isEqualTo(200);
    }

    @Test
    void aTokenInTheQueryStringIsNotRevokedButRefused() {
        Accounts.Account alice = accounts().user();

        var refused =
                api().call("POST", "/api/v1/auth/revoke?token=" + alice.token())
                        .body("application/x-www-form-urlencoded", "")
                        .send();

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("token");
        assertThat(api().get("/api/v1/auth/me", alice.token()).status()).isEqualTo(200);
    }

    @Test
    void aRecreatedUsersOldTokenStaysDead() {
        Accounts.Account admin = accounts().admin();
        String id = bean(IdGenerator.class).newId();
        String name = Accounts.uniqueName("reborn");
        Map<String, String> user = Map.of("user_name", name, "password", Accounts.PASSWORD);
        assertThat(api().put("/api/v1/users/" + id, admin.token(), user).status()).isEqualTo(201);
        String oldToken = accounts().signIn(name, Accounts.PASSWORD);

        assertThat(api().delete("/api/v1/users/" + id, admin.token()).status()).isEqualTo(204);
        assertThat(api().put("/api/v1/users/" + id, admin.token(), user).status()).isEqualTo(201);

        assertRefused(api().get("/api/v1/auth/me", oldToken));
        String newToken = accounts().signIn(name, Accounts.PASSWORD);
        assertThat(api().get("/api/v1/auth/me", newToken).status()).isEqualTo(200);
    }

    @Test
    void aTokenWithoutExpiryIsRefusedEvenWithAValidSignature() throws Exception {
        Accounts.Account alice = accounts().user();
        JWTClaimsSet real = SignedJWT.parse(alice.token()).getJWTClaimsSet();
        ECKey key = service().bean(SigningKeys.class).signingKey();
        JWTClaimsSet withoutExpiry = new JWTClaimsSet.Builder(real).expirationTime(null).build();
        SignedJWT unexpiring =
                new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.ES256)
                                .keyID(key.getKeyID())
                                .type(JOSEObjectType.JWT)
                                .build(),
                        withoutExpiry);
        unexpiring.sign(new ECDSASigner(key));
        String sameButExpiring =
                CanonicalSignature.sign(
                        unexpiring.getHeader(),
                        new JWTClaimsSet.Builder(real)
                                .expirationTime(Date.from(Instant.now().plusSeconds(60)))
                                .build(),
                        key);

        assertRefused(api().get("/api/v1/auth/me", unexpiring.serialize()));
        assertThat(api().get("/api/v1/auth/me", sameButExpiring).status())
                .as("the same claims with an expiry pass, so the missing exp is what is refused")
                .isEqualTo(200);
    }

    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void anotherInstanceRefusesARevokedTokenWithinTheVersionCheck() throws Exception {
        Map<String, String> database = store.newDatabase();
        RunningService a = RunningService.start(database, Map.of());
        RunningService b = RunningService.start(database, Map.of());
        try {
            Accounts onA = new Accounts(a);
            Accounts.Account alice = onA.user();
            assertThat(b.api().get("/api/v1/auth/me", alice.token()).status()).isEqualTo(200);

            onA.changeOwnPassword(alice, "changed-on-instance-a");

            assertRefused(a.api().get("/api/v1/auth/me", alice.token()));
            int status = refusedWithinTheVersionCheck(b, alice.token());
            assertThat(status)
                    .as("instance b after %s", VerifiedTokens.VERSION_CHECK)
                    .isEqualTo(401);
        } finally {
            a.stop();
            b.stop();
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void anotherInstanceRefusesASignedOutTokenWithinTheVersionCheck() throws Exception {
        Map<String, String> database = store.newDatabase();
        RunningService a = RunningService.start(database, Map.of());
        RunningService b = RunningService.start(database, Map.of());
        try {
            Accounts.Account alice = new Accounts(a).user();
            assertThat(b.api().get("/api/v1/auth/me", alice.token()).status()).isEqualTo(200);

            assertThat(revoke(a.api(), alice.token()).status()).isEqualTo(200);

            assertRefused(a.api().get("/api/v1/auth/me", alice.token()));
            assertThat(refusedWithinTheVersionCheck(b, alice.token()))
                    .as("instance b after %s", VerifiedTokens.VERSION_CHECK)
                    .isEqualTo(401);
        } finally {
            a.stop();
            b.stop();
        }
    }

    private static int refusedWithinTheVersionCheck(RunningService instance, String token)
            throws InterruptedException {
        long deadline = System.nanoTime() + VerifiedTokens.VERSION_CHECK.plusSeconds(2).toNanos();
        int status;
        do {
            Thread.sleep(200);
            status = instance.api().get("/api/v1/auth/me", token).status();
        } while (status == 200 && System.nanoTime() < deadline);
        return status;
    }

    private Api.Response revoke(String token) {
        return revoke(api(), token);
    }

    private static Api.Response revoke(Api api, String token) {
        return api.call("POST", "/api/v1/auth/revoke")
                .body(
                        "application/x-www-form-urlencoded",
                        "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))
                .send();
    }

    private static void assertRefused(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate"))
                .startsWith("Bearer error=\"invalid_token\"");
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }
}
