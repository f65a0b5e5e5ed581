package io.waymark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.waymark.contract.TokenClaims;
import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.RunningService;
import io.waymark.testing.Signatures;
import io.waymark.testing.TestStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A token signed with the service's real key is still refused (401, never 500) when a claim is
 * missing or wrong, or when its signature is spelled in a second way; and a refused token leaves
 * nothing behind that harms later requests.
 */
class StrictTokensTest {

    private final RunningService service = RunningService.on(TestStore.SQLITE);
    private final Accounts accounts = new Accounts(service);

    @Test
    void aTokenWithoutSubjectIsRefusedAndLaterChangesStillWork() throws Exception {
        Accounts.Account alice = accounts.user();

        var withoutSubject = me(resigned(alice.token(), claims -> claims.subject(null)));
        var changed = accounts.changeOwnPassword(alice, "a-brand-new-password");
        assertThat(changed.status())
                .as("a password change afterwards: " + changed.body())
                .isEqualTo(200);
        assertRefused(withoutSubject);
        String fresh = accounts.signIn(alice.userName(), "a-brand-new-password");
        assertThat(
                        service.api()
                                .delete(
                                        "/api/v1/users/" + alice.id(),
                                        fresh,
                                        Map.of("current_password", "a-brand-new-password"))
                                .status())
                .isEqualTo(204);
    }

    @Test
    void theServiceIssuesTokensForItselfAndRefusesTokensForAnotherAudience() throws Exception {
        Accounts.Account alice = accounts.user();

        assertThat(SignedJWT.parse(alice.token()).getJWTClaimsSet().getAudience())
                .containsExactly(TokenClaims.AUDIENCE);
        assertRefused(me(resigned(alice.token(), claims -> claims.audience("another-service"))));
        assertRefused(me(resigned(alice.token(), claims -> claims.audience((String) null))));
    }

    @Test
    void aTokenLivingLongerThanTheConfiguredMaximumIsRefused() throws Exception {
        Accounts.Account alice = accounts.user();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        assertRefused(
                me(
                        resigned(
                                alice.token(),
                                claims ->
                                        claims.expirationTime(
                                                Date.from(now.plus(36_500, ChronoUnit.DAYS))))));
    }

    @Test
    void aTokenVersionThatIsNotAnIntegerIsRefused() throws Exception {
        Accounts.Account alice = accounts.user();

        assertRefused(me(resigned(alice.token(), claims -> claims.claim("ver", "5"))));
        assertRefused(me(resigned(alice.token(), claims -> claims.claim("ver", 0.5))));
        assertRefused(me(resigned(alice.token(), claims -> claims.claim("ver", null))));
    }

    @Test
    void onlyTheCanonicalSpellingOfASignatureIsAccepted() {
        Accounts.Account alice = accounts.user();
        String token = alice.token();

        assertThat(me(Signatures.lowS(token)).status()).isEqualTo(200);
        assertRefused(me(Signatures.highS(token)));
        assertRefused(me(token + "=="));
        assertRefused(me(Signatures.withStrayBits(Signatures.lowS(token))));
        assertThat(me(token).status())
                .as("the service's own token is the canonical one")
                .isEqualTo(200);
    }

    private Api.Response me(String token) {
        return service.api().get("/api/v1/auth/me", token);
    }

    /**
     * The token's claims changed, signed again with the service's real key: only the claim is
     * wrong.
     */
    private String resigned(String token, UnaryOperator<JWTClaimsSet.Builder> change)
            throws Exception {
        ECKey key = service.bean(SigningKeys.class).signingKey();
        JWTClaimsSet claims =
                change.apply(new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet()))
                        .build();
        return CanonicalSignature.sign(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims,
                key);
    }

    private static void assertRefused(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate"))
                .startsWith("Bearer error=\"invalid_token\"");
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }
}
