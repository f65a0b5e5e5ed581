package io.waymark.authorizer;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.text.ParseException;
import java.time.Duration;

/** Downloads the service's public signing keys. */
final class JwksFetcher {

    // API Gateway waits at most 10 s for an authorizer; a slow JWKS must fail well before that.
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    // A JWK set holds a few public keys of ~300 bytes; anything much larger is a misconfiguration
    // or an attack.
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final URI url;

    private JwksFetcher(URI url) {
        this.url = url;
    }

    static JwksFetcher https(URI url) {
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("The JWKS must be fetched over https, got: " + url);
        }
        return new JwksFetcher(url);
    }

    /** Only for tests, which serve the JWKS from a plain-HTTP server on the loopback interface. */
    static JwksFetcher allowingPlainHttp(URI url) {
        return new JwksFetcher(url);
    }

    JWKSet fetch() throws IOException {
        // One client per fetch: fetches are rare (cold start, unknown kid, cache expiry), and no
        // pooled connection or TLS session is captured in a SnapStart snapshot and reused after
        // restore.
        try (HttpClient client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(CONNECT_TIMEOUT)
                        .build()) {
            HttpRequest request =
                    HttpRequest.newBuilder(url)
                            .timeout(REQUEST_TIMEOUT)
                            .header("Accept", "application/json")
                            .GET()
                            .build();
            HttpResponse<InputStream> response = client.send(request, BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException(
                            "JWKS " + url + " answered HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
                if (bytes.length > MAX_BODY_BYTES) {
                    throw new IOException(
                            "JWKS " + url + " is larger than " + MAX_BODY_BYTES + " bytes");
                }
                return JWKSet.parse(new String(bytes, UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while fetching the JWKS from " + url, e);
        } catch (ParseException e) {
            throw new IOException("JWKS " + url + " is not a JWK set: " + e.getMessage(), e);
        }
    }
}
