package io.waymark.webpage;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Api;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page's files as the service serves them, checked without a browser so these rules hold on
 * every machine: scripts only from files, nothing from other origins, and no script that turns text
 * into markup.
 */
class WebPageAssetsTest {

    private static final Pattern INLINE_HANDLER =
            Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_SCRIPT =
            Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final List<String> SCRIPTS =
            List.of(
                    "/app.js",
                    "/api.js",
                    "/ui.js",
                    "/map.js",
                    "/people.js",
                    "/share-location.js",
                    "/todo-owners.js",
                    "/track-download.js",
                    "/revalidate.js",
                    "/places.js");
    private static final Pattern MARKUP_SINKS =
            Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|eval\\(");

    private final Api api = RunningService.on(TestStore.SQLITE).api();

    @Test
    void theRootServesThePageUnderAPolicyThatAllowsScriptsFromThisOriginOnly() {
        Api.Response page = api.get("/", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("script-src 'self'");
        assertThat(directive(policy, "script-src"))
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\">");
    }

    @Test
    void thePageHasNoInlineScriptsNoInlineHandlersAndNothingFromOtherOrigins() {
        String html = api.get("/", null).body();

        assertThat(INLINE_SCRIPT.matcher(html).find()).as("inline <script>").isFalse();
        assertThat(INLINE_HANDLER.matcher(html).find()).as("on...= attribute").isFalse();
        assertThat(html)
                .doesNotContain("http://")
                .doesNotContain("https://")
                .doesNotContain("//cdn");
    }

    @Test
    void scriptsAndStylesAreServedWithTypesTheBrowserAccepts() {
        // Browsers refuse module scripts served with any type but JavaScript's.
        for (String script : SCRIPTS) {
            assertThat(api.get(script, null).contentType())
                    .as(script)
                    .startsWith("text/javascript");
        }
        assertThat(api.get("/app.css", null).contentType()).startsWith("text/css");
        assertThat(api.get("/favicon.svg", null).contentType()).startsWith("image/svg+xml");
    }

    @Test
    void noScriptTurnsTextIntoMarkupOrLoadsFromOtherOrigins() {
        for (String script : SCRIPTS) {
            Api.Response response = api.get(script, null);
            assertThat(response.status()).isEqualTo(200);
            assertThat(MARKUP_SINKS.matcher(response.body()).find())
                    .as("%s uses an HTML sink", script)
                    .isFalse();
            assertThat(response.body())
                    .as(script)
                    .doesNotContain("http://")
                    .doesNotContain("https://");
        }
    }

    @Test
    void imagesMayComeFromTheDefaultTileOriginAndNoOtherOne() {
        String policy = api.get("/", null).header("Content-Security-Policy");

        assertThat(directive(policy, "img-src"))
                .isEqualTo("img-src 'self' data: https://tile.openstreetmap.org");
        assertThat(directive(policy, "connect-src")).isEqualTo("connect-src 'self'");
        assertThat(directive(policy, "default-src")).isEqualTo("default-src 'self'");
    }

    @Test
    void thePageLearnsTheTileUrlAndItsAttributionFromAPublicDocument() {
        Api.Response settings = api.get("/map-settings.json", null);

        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.contentType()).startsWith("application/json");
        assertThat(settings.header("Cache-Control")).contains("no-cache");
        assertThat(settings.json().get("tile_url").asString())
                .isEqualTo("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
        assertThat(settings.json().get("attribution").asString())
                .isEqualTo("© OpenStreetMap contributors");
        assertThat(settings.json().get("attribution_url").asString())
                .isEqualTo("https://www.openstreetmap.org/copyright");
    }

    @Test
    void leafletIsServedFromItsJarNotFromTheRepository() {
        Api.Response script = api.get("/webjars/leaflet/dist/leaflet.js", null);
        Api.Response style = api.get("/webjars/leaflet/dist/leaflet.css", null);

        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).startsWith("text/javascript");
        assertThat(script.body()).contains("Leaflet 1.9.4");
        assertThat(style.contentType()).startsWith("text/css");
        assertThat(api.get("/", null).body())
                .contains("<script src=\"webjars/leaflet/dist/leaflet.js\" defer></script>")
                .contains("href=\"webjars/leaflet/dist/leaflet.css\"");
        assertThat(getClass().getResource("/static/leaflet.js"))
                .as("no copy next to the page")
                .isNull();
    }

    private static String directive(String policy, String name) {
        for (String directive : policy.split(";")) {
            if (directive.trim().startsWith(name + " ")) {
                return directive.trim();
            }
        }
        return "";
    }
}
