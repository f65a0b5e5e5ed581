package io.waymark.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.config.InvalidSettingException;
import io.waymark.testing.Api;
import io.waymark.testing.RawHttp;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every absolute URL the service writes comes from {@code WAYMARK_PUBLIC_URL}, never from the
 * request's {@code Host} header: a client (or a cache poisoned by one) must not make the service
 * point others at a host of its choosing.
 */
class PublicUrlTest {

    private static final String PUBLIC_URL = "https://api.waymark.example";
    private static final String METADATA = "/.well-known/oauth-protected-resource";

    private static RunningService service;

    @BeforeAll
    static void start() {
        service =
                RunningService.start(
                        TestStore.SQLITE.newDatabase(), Map.of("waymark.public.url", PUBLIC_URL));
    }

    @AfterAll
    static void stop() {
        service.stop();
    }

    @Test
    void aForeignHostHeaderIsEchoedNowhere() {
        RawHttp http = RawHttp.to(service.api());

        RawHttp.Answer openApi = fromEvil(http, "GET", "/openapi.json");
        RawHttp.Answer metadata = fromEvil(http, "GET", METADATA);
        RawHttp.Answer unauthorized = fromEvil(http, "GET", "/api/v1/auth/me");

        assertThat(openApi.status()).isEqualTo(200);
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(unauthorized.status()).isEqualTo(401);
        for (RawHttp.Answer answer : new RawHttp.Answer[] {openApi, metadata, unauthorized}) {
            assertThat(answer.text()).doesNotContain("evil.example");
            assertThat(answer.headers().toString()).doesNotContain("evil.example");
        }
        assertThat(json(openApi).get("servers").get(0).get("url").asString()).isEqualTo(PUBLIC_URL);
        assertThat(json(metadata).get("resource").asString()).isEqualTo(PUBLIC_URL);
        assertThat(unauthorized.header("WWW-Authenticate"))
                .contains("resource_metadata=\"" + PUBLIC_URL + METADATA + "\"");
    }

    @Test
    void theProtectedResourceMetadataClaimsNoCertificateBoundTokensAndIsDocumented() {
        Api.Response metadata = service.api().get(METADATA, null);

        assertThat(metadata.status()).isEqualTo(200);
        JsonNode document = metadata.json();
        assertThat(document.path("tls_client_certificate_bound_access_tokens").asBoolean(false))
                .as("tokens are bearer tokens, bound to no certificate: %s", document)
                .isFalse();
        assertThat(document.get("bearer_methods_supported").get(0).asString()).isEqualTo("header");
        JsonNode openApi = service.api().get("/openapi.json", null).json();
        assertThat(openApi.get("paths").has(METADATA)).as("documented in /openapi.json").isTrue();
    }

    @Test
    void aValueThatIsNoAbsoluteWebUrlNamesTheVariable() {
        for (String bad :
                new String[] {"", "api.example.com", "ftp://api.example.com", "https://x/?a=b"}) {
            assertThatThrownBy(() -> new PublicUrl(bad))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageStartingWith(
                            "WAYMARK_PUBLIC_URL: must be an absolute http or https URL");
        }
        assertThat(new PublicUrl("https://api.example.com/").url())
                .isEqualTo("https://api.example.com");
    }

    private static RawHttp.Answer fromEvil(RawHttp http, String method, String target) {
        return http.request(method, target).replaceHeader("Host", "evil.example").send();
    }

    private static JsonNode json(RawHttp.Answer answer) {
        return JsonMapper.builder().build().readTree(answer.text());
    }
}
