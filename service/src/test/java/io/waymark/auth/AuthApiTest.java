package io.waymark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.OnEveryStore;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sign-in, the token's contents, its verification, and the public keys, on every store. */
class AuthApiTest extends OnEveryStore {

    @Test
    void passwordGrantAsFormIssuesAnEs256TokenVerifiableWithThePublishedKeys() throws Exception {
        Accounts.Account alice = accounts().user();

        SignedJWT jwt = SignedJWT.parse(alice.token());
        JWKSet published = JWKSet.parse(api().get("/.well-known/jwks.json", null).body());
        ECKey key = (ECKey) published.getKeyByKeyId(jwt.getHeader().getKeyID());

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).as("only public keys are published").isFalse();
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(alice.id());
        assertThat(claims.getStringClaim("name")).isEqualTo(alice.userName());
        assertThat(claims.getStringClaim("role")).isEqualTo("user");
        assertThat(claims.getIssuer()).isEqualTo("waymark");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
                .isEqualTo(20 * 60 * 1000L);
    }

    @Test
    void passwordGrantAsJsonAnswersTheOAuthTokenResponse() {
        Accounts.Account alice = accounts().user();

        var response =
                api().post(
                                "/api/v1/auth/token",
                                null,
                                Map.of(
                                        "grant_type",
                                        "password",
                                        "username",
                                        alice.userName(),
                                        "password",
                                        Accounts.PASSWORD));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(response.json().get("token_type").asString()).isEqualTo("bearer");
        assertThat(response.json().get("expires_in").asLong()).isEqualTo(1200);
        assertThat(response.json().get("access_token").asString()).isNotBlank();
    }

    @Test
    void credentialsInTheQueryStringAreRefusedEvenWithAFormBody() {
        Accounts.Account alice = accounts().user();
        String credentials =
                "grant_type=password&username="
                        + alice.userName()
                        + "&password="
                        + Accounts.PASSWORD;

        var allInTheUrl =
                api().call("POST", "/api/v1/auth/token?" + credentials)
                        .body("application/x-www-form-urlencoded", "")
                        .send();
        var passwordInTheUrl =
                api().call("POST", "/api/v1/auth/token?password=" + Accounts.PASSWORD)
                        .body(
                                "application/x-www-form-urlencoded",
                                "grant_type=password&username=" + alice.userName())
                        .send();
        var jsonWithPasswordInTheUrl =
                api().call("POST", "/api/v1/auth/token?password=" + Accounts.PASSWORD)
                        .json(
                                Map.of(
                                        "grant_type",
                                        "password",
                                        "username",
                                        alice.userName(),
                                        "password",
                                        Accounts.PASSWORD))
                        .send();

        for (var refused :
                new Api.Response[] {allInTheUrl, passwordInTheUrl, jsonWithPasswordInTheUrl}) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.body()).contains("password").doesNotContain(Accounts.PASSWORD);
        }
    }

    @Test
    void meAnswersTheCaller() {
        Accounts.Account alice = accounts().user();

        var me = api().get("/api/v1/auth/me", alice.token());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asString()).isEqualTo(alice.id());
        assertThat(me.json().get("user_name").asString()).isEqualTo(alice.userName());
        assertThat(me.body()).doesNotContain("password");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        Accounts.Account alice = accounts().user();

        var wrongPassword = signIn(alice.userName(), "not-the-password");
        var unknownUser = signIn(Accounts.uniqueName("ghost"), "not-the-password");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.contentType()).isEqualTo("application/problem+json");
        assertThat(wrongPassword.json().get("type")).isEqualTo(unknownUser.json().get("type"));
        assertThat(wrongPassword.json().get("detail")).isEqualTo(unknownUser.json().get("detail"));
    }

    @Test
    void incompleteOrForeignGrantsAreBadRequests() {
        var response =
                api().call("POST", "/api/v1/auth/token")
                        .body("application/x-www-form-urlencoded", "grant_type=client_credentials")
                        .send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").toString())
                .contains("grant_type", "username", "password");
    }

    @Test
    void protectedEndpointsRefuseMissingMalformedExpiredForgedAndUnsignedTokens() throws Exception {
        Accounts.Account alice = accounts().user();
        SignedJWT real = SignedJWT.parse(alice.token());
        JWTClaimsSet claims = real.getJWTClaimsSet();
        ECKey ownKey =
                new ECKeyGenerator(Curve.P_256).keyID(real.getHeader().getKeyID()).generate();
        String forged = sign(claims, ownKey);
        String unsigned = new PlainJWT(claims).serialize();
        String expired =
                sign(
                        new JWTClaimsSet.Builder(claims)
                                .expirationTime(Date.from(Instant.now().minusSeconds(3600)))
                                .build(),
                        ownKey);

        for (String token :
                new String[] {null, "garbage", forged, unsigned, expired, alice.token() + "x"}) {
            var response = api().get("/api/v1/auth/me", token);
            assertThat(response.status()).as("token %s", token).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.contentType()).isEqualTo("application/problem+json");
        }
    }

    @Test
    void aValidTokenWithoutTheRoleIsForbidden() {
        Accounts.Account alice = accounts().user();

        var response = api().get("/api/v1/users", alice.token());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    private Api.Response signIn(String userName, String password) {
        return api().call("POST", "/api/v1/auth/token")
                .body(
                        "application/x-www-form-urlencoded",
                        "grant_type=password&username=" + userName + "&password=" + password)
                .send();
    }

    private static String sign(JWTClaimsSet claims, ECKey key) throws Exception {
        SignedJWT jwt =
                new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                        claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
