package io.waymark.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.nimbusds.jose.jwk.ECKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * API Gateway caches the authorizer's answer for 300 s per Authorization header, a denial as much
 * as an admission, but not a failed invocation. So a token the authorizer could not check (the JWKS
 * unreachable, a key it has not fetched yet) must be an error, and only a verdict on the token a
 * denial. Drives the real handler against a real JWKS on the loopback interface.
 */
class TransientFailureTest {

    /** What API Gateway makes of the handler's answer. */
    enum Answer {
        /** 200 from the route; cached for the TTL. */
        ALLOW,
        /** 403; cached for the TTL. */
        DENY,
        /** The function failed: 500, and the next request invokes the authorizer again. */
        ERROR
    }

    private final HandlerFixture fixture = new HandlerFixture();
    private final MutableClock clock = fixture.clock;
    private final ECKey key = fixture.key;
    private final JwksServer jwks = fixture.jwks;
    private final AuthorizerHandler handler = fixture.handler;

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Answer answer(String authorization) {
        APIGatewayV2CustomAuthorizerEvent event =
                APIGatewayV2CustomAuthorizerEvent.builder()
                        .withVersion("2.0")
                        .withType("REQUEST")
                        .withRouteKey("GET /api/v1/todos")
                        .withHeaders(
                                authorization == null
                                        ? Map.of()
                                        : Map.of("authorization", authorization))
                        .withRequestContext(
                                APIGatewayV2CustomAuthorizerEvent.RequestContext.builder()
                                        .withRequestId("req-1")
                                        .build())
                        .build();
        SimpleIAMPolicyResponse response;
        try {
            response = handler.handleRequest(event, null);
        } catch (RuntimeException e) {
            return Answer.ERROR;
        }
        return response.getIsAuthorized() ? Answer.ALLOW : Answer.DENY;
    }

    private String tokenSignedNowWith(ECKey signer) {
        return Tokens.bearer(signer, clock.instant(), claims -> claims);
    }

    @Test
    void unreachableJwksAtColdStartIsAnErrorAndTheTokenPassesOnceTheServiceAnswers() {
        jwks.answer(503, "{\"title\":\"starting\"}");
        String token = tokenSignedNowWith(key);

        assertThat(answer(token)).as("JWKS unreachable at cold start").isEqualTo(Answer.ERROR);

        jwks.publish(key);
        clock.advance(Duration.ofSeconds(5));

        assertThat(answer(token)).as("the service answers again").isEqualTo(Answer.ALLOW);
    }

    @Test
    void tokenSignedWithAKeyPublishedAfterTheLastFetchIsAllowedWithinSeconds() {
        assertThat(answer(tokenSignedNowWith(key))).isEqualTo(Answer.ALLOW);
        // A service with a fresh key store signs with its first key at once.
        clock.advance(Duration.ofSeconds(10));
        ECKey rotated = Tokens.newKey("key-2");
        jwks.publish(key, rotated);

        assertThat(answer(tokenSignedNowWith(rotated))).isEqualTo(Answer.ALLOW);
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void tokenWithANewKidRightAfterAFetchIsAnErrorUntilTheKeysMayBeFetchedAgain() {
        assertThat(answer(tokenSignedNowWith(key))).isEqualTo(Answer.ALLOW);
        ECKey rotated = Tokens.newKey("key-2");
        jwks.publish(key, rotated);
        clock.advance(Duration.ofSeconds(1));
        String token = tokenSignedNowWith(rotated);

        assertThat(answer(token)).as("the key set is older than the token").isEqualTo(Answer.ERROR);
        assertThat(jwks.requests()).isEqualTo(1);

        clock.advance(JwksCache.MIN_REFRESH_INTERVAL);
        assertThat(answer(token)).isEqualTo(Answer.ALLOW);
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void unknownKidWhileTheJwksIsUnreachableIsAnError() {
        assertThat(answer(tokenSignedNowWith(key))).isEqualTo(Answer.ALLOW);
        clock.advance(Duration.ofMinutes(1));
        jwks.answer(502, "{}");

        assertThat(answer(tokenSignedNowWith(Tokens.newKey("key-2")))).isEqualTo(Answer.ERROR);
    }

    @Test
    void madeUpKidsAreDeniedWithoutAFetchPerRequest() {
        Instant forgedAt = clock.instant().minus(Duration.ofMinutes(1));
        assertThat(answer(tokenSignedNowWith(key))).isEqualTo(Answer.ALLOW);
        clock.advance(Duration.ofMinutes(1));

        for (int i = 0; i < 5; i++) {
            String token = Tokens.bearer(Tokens.newKey("made-up-" + i), forgedAt, claims -> claims);
            assertThat(answer(token)).as("made-up kid %d", i).isEqualTo(Answer.DENY);
        }
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void madeUpKidsClaimingToBeNewerThanTheKeysAreRefusedWithoutAFetchPerRequest() {
        assertThat(answer(tokenSignedNowWith(key))).isEqualTo(Answer.ALLOW);

        for (int i = 0; i < 5; i++) {
            assertThat(answer(tokenSignedNowWith(Tokens.newKey("made-up-" + i))))
                    .as("made-up kid %d", i)
                    .isNotEqualTo(Answer.ALLOW);
        }
        assertThat(jwks.requests()).isEqualTo(1);
    }

    @Test
    void badSignatureExpiryAndMissingTokenAreStillDenials() {
        String forged =
                Tokens.bearer(
                        Tokens.sign(
                                Tokens.newKey("key-1"), Tokens.claims(clock.instant()).build()));
        String expired =
                Tokens.bearer(key, clock.instant().minus(Tokens.TTL.multipliedBy(2)), c -> c);

        assertThat(answer(forged)).as("bad signature").isEqualTo(Answer.DENY);
        assertThat(answer(expired)).as("expired").isEqualTo(Answer.DENY);
        assertThat(answer(null)).as("no token").isEqualTo(Answer.DENY);
        assertThat(answer("Bearer junk")).as("malformed").isEqualTo(Answer.DENY);
    }
}
