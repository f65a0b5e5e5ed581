package io.waymark.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizerConfigTest {

    private static final String JWKS =
            "https://abc123.execute-api.eu-west-1.amazonaws.com/.well-known/jwks.json";

    @Test
    void readsUrlAndIssuer() {
        AuthorizerConfig config =
                AuthorizerConfig.fromEnvironment(
                        Map.of("JWKS_URL", JWKS, "TOKEN_ISSUER", "waymark"));

        assertThat(config).isEqualTo(new AuthorizerConfig(URI.create(JWKS), "waymark"));
    }

    @Test
    void missingJwksUrlNamesTheVariable() {
        assertThatIllegalStateException()
                .isThrownBy(
                        () -> AuthorizerConfig.fromEnvironment(Map.of("TOKEN_ISSUER", "waymark")))
                .withMessageStartingWith("Environment variable JWKS_URL is not set");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://api.example.com/.well-known/jwks.json",
                "api.example.com/jwks",
                "https://",
                "ht tps://x"
            })
    void jwksUrlMustBeAbsoluteHttps(String url) {
        assertThatIllegalStateException()
                .isThrownBy(
                        () ->
                                AuthorizerConfig.fromEnvironment(
                                        Map.of("JWKS_URL", url, "TOKEN_ISSUER", "waymark")))
                .withMessageStartingWith("Environment variable JWKS_URL ");
    }

    @Test
    void blankIssuerNamesTheVariable() {
        assertThatIllegalStateException()
                .isThrownBy(
                        () ->
                                AuthorizerConfig.fromEnvironment(
                                        Map.of("JWKS_URL", JWKS, "TOKEN_ISSUER", " ")))
                .withMessageStartingWith("Environment variable TOKEN_ISSUER is not set");
    }

    @Test
    void handlerFailsAtInitWhenConfigurationIsMissing() {
        assertThatIllegalStateException()
                .isThrownBy(() -> TokenVerifier.fromEnvironment(Map.of()))
                .withMessageContaining("JWKS_URL");
    }
}
