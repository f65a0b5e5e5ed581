package io.waymark.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.RawHttp;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every answer says about transport and failure: HSTS exactly when the request arrived over
 * HTTPS (as a trusted proxy reports it), no HTTP/0.9 (which has no headers at all, so none of the
 * security headers), {@code WWW-Authenticate} in our words, not a library's, and an unknown path a
 * plain 404 problem.
 */
class EdgeHeadersTest {

    private static final String HSTS = "Strict-Transport-Security";

    private final RunningService service = RunningService.on(TestStore.SQLITE);
    private final Api api = service.api();

    @Test
    void hstsOnlyWhenATrustedProxySaysTheRequestArrivedOverHttps() {
        RunningService behindProxy =
                RunningService.start(
                        TestStore.SQLITE.newDatabase(),
                        Map.of("waymark.proxies.trusted", "127.0.0.1/32"));
        try {
            Api proxied = behindProxy.api();
            var overHttps =
                    proxied.call("GET", "/health").header("X-Forwarded-Proto", "https").send();
            var overHttp =
                    proxied.call("GET", "/health").header("X-Forwarded-Proto", "http").send();

            assertThat(overHttps.header(HSTS)).startsWith("max-age=31536000");
            assertThat(overHttp.header(HSTS)).isNull();
            assertThat(proxied.get("/health", null).header(HSTS)).isNull();
        } finally {
            behindProxy.stop();
        }
        var claimedByTheClient =
                api.call("GET", "/health").header("X-Forwarded-Proto", "https").send();
        assertThat(claimedByTheClient.header(HSTS))
                .as("no trusted proxy: the header is the client's own claim")
                .isNull();
    }

    @Test
    void anHttp09RequestIsRefusedWithoutThePage() {
        RawHttp.Answer answer =
                RawHttp.to(api).send("GET /\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(answer.text()).doesNotContainIgnoringCase("<html").doesNotContain("<!doctype");
        assertThat(answer.status()).isIn(-1, 400);
    }

    @Test
    void wwwAuthenticateDescribesABadTokenInOurWordsNotTheLibrarys() throws Exception {
        String token = new Accounts(service).user().token();
        String[] parts = token.split("\\.");
        // Another character at index 10: always replacing it with "A" left the token valid (no
        // challenge at all) whenever the signature had an "A" there, one run in 64.
        String badSignature =
                parts[0]
                        + "."
                        + parts[1]
                        + "."
                        + parts[2].substring(0, 10)
                        + (parts[2].charAt(10) == 'A' ? "B" : "A")
                        + parts[2].substring(11);
        String notAJwt = "eyJhbGciOiJFUzI1NiJ9.bm90LWpzb24.c2ln";

        for (String bad : new String[] {badSignature, notAJwt}) {
            String challenge = api.get("/api/v1/auth/me", bad).header("WWW-Authenticate");
            assertThat(challenge)
                    .startsWith("Bearer error=\"invalid_token\", error_description=\"");
            assertThat(challenge)
                    .doesNotContainIgnoringCase("jwt")
                    .doesNotContain("Signed")
                    .doesNotContain("decode")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void anUnknownPathIsAPlainProblem404() {
        for (String path : new String[] {"/no/such/path", "/actuator/health", "/static.css"}) {
            var response = api.get(path, null);

            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(response.json().path("detail").asString())
                    .doesNotContainIgnoringCase("static")
                    .doesNotContain(path.substring(1));
        }
    }
}
