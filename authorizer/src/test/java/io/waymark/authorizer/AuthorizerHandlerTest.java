package io.waymark.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.nimbusds.jose.jwk.ECKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthorizerHandlerTest {

    private final HandlerFixture fixture = new HandlerFixture();
    private final MutableClock clock = fixture.clock;
    private final ECKey key = fixture.key;
    private final JwksServer jwks = fixture.jwks;
    private final AuthorizerHandler handler = fixture.handler;

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static APIGatewayV2CustomAuthorizerEvent request(Map<String, String> headers) {
        return APIGatewayV2CustomAuthorizerEvent.builder()
                .withVersion("2.0")
                .withType("REQUEST")
                .withRouteKey("GET /api/v1/todos")
                .withHeaders(headers)
                .withRequestContext(
                        APIGatewayV2CustomAuthorizerEvent.RequestContext.builder()
                                .withRequestId("req-1")
                                .build())
                .build();
    }

    @Test
    void validTokenIsAuthorizedWithIdentityContext() {
        String token =
                Tokens.bearer(
                        key,
                        clock.instant(),
                        claims -> claims.subject("user-42").claim("role", "admin"));

        SimpleIAMPolicyResponse response =
                handler.handleRequest(request(Map.of("authorization", token)), null);

        assertThat(response.getIsAuthorized()).isTrue();
        assertThat(response.getContext())
                .isEqualTo(Map.of("sub", "user-42", "role", "admin", "name", "alice"));
    }

    @Test
    void headerNameIsMatchedWhateverItsCase() {
        String token = Tokens.bearer(key, clock.instant(), claims -> claims);

        assertThat(
                        handler.handleRequest(request(Map.of("Authorization", token)), null)
                                .getIsAuthorized())
                .isTrue();
    }

    @Test
    void badTokensAreRefusedWithoutContext() {
        String expired =
                Tokens.bearer(
                        key, clock.instant().minus(Tokens.TTL.multipliedBy(2)), claims -> claims);

        for (Map<String, String> headers :
                List.of(
                        Map.<String, String>of(),
                        Map.of("authorization", "Bearer junk"),
                        Map.of("authorization", expired))) {
            SimpleIAMPolicyResponse response = handler.handleRequest(request(headers), null);
            assertThat(response.getIsAuthorized()).isFalse();
            assertThat(response.getContext()).isEmpty();
        }
    }

    @Test
    void eventWithoutHeadersIsRefused() {
        assertThat(
                        handler.handleRequest(new APIGatewayV2CustomAuthorizerEvent(), null)
                                .getIsAuthorized())
                .isFalse();
    }

    @Test
    void unexpectedFailureFailsTheInvocationRatherThanReturningACachedDenial() {
        AuthorizerHandler broken =
                new AuthorizerHandler(
                        new TokenVerifier(
                                new JwksCache(JwksFetcher.allowingPlainHttp(jwks.url()), clock),
                                Tokens.ISSUER,
                                null));
        String token = Tokens.bearer(key, clock.instant(), claims -> claims);

        assertThatThrownBy(
                        () -> broken.handleRequest(request(Map.of("authorization", token)), null))
                .isInstanceOf(TokenNotCheckedException.class)
                .hasMessageContaining("internal_error");
    }
}
