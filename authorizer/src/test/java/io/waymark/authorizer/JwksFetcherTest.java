package io.waymark.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JwksFetcherTest {

    private final JwksServer jwks = new JwksServer();

    @AfterEach
    void stop() {
        jwks.close();
    }

    @Test
    void productionFetcherRefusesPlainHttp() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JwksFetcher.https(jwks.url()))
                .withMessageContaining("https");
        assertThat(JwksFetcher.https(URI.create("https://api.example.com/.well-known/jwks.json")))
                .isNotNull();
    }

    @Test
    void fetchesOnlyThePublicKeys() throws Exception {
        ECKey key = Tokens.newKey("key-1");
        jwks.publish(key);

        JWKSet fetched = JwksFetcher.allowingPlainHttp(jwks.url()).fetch();

        assertThat(fetched.getKeyByKeyId("key-1").toECKey().toECPublicKey())
                .isEqualTo(key.toECPublicKey());
        assertThat(fetched.getKeyByKeyId("key-1").isPrivate()).isFalse();
    }

    @Test
    void errorStatusIsAnIOException() {
        jwks.answer(502, "{}");

        assertThatThrownBy(() -> JwksFetcher.allowingPlainHttp(jwks.url()).fetch())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 502");
    }

    @Test
    void bodyThatIsNotAJwkSetIsAnIOException() {
        jwks.answer(200, "<html>login</html>");

        assertThatThrownBy(() -> JwksFetcher.allowingPlainHttp(jwks.url()).fetch())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a JWK set");
    }

    @Test
    void oversizedBodyIsRefused() {
        jwks.answer(200, "{\"keys\":[]" + " ".repeat(JwksFetcher.MAX_BODY_BYTES) + "}");

        assertThatThrownBy(() -> JwksFetcher.allowingPlainHttp(jwks.url()).fetch())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("larger than");
    }
}
