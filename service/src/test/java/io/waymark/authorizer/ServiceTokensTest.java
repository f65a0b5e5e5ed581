package io.waymark.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The service and the Lambda authorizer agree on what a token is (io.waymark.contract.TokenClaims):
 * a token the real service issues is allowed by the authorizer's verifier against the service's
 * real JWKS, with its subject, role and name, and the same token with one changed byte is refused.
 * In the authorizer's package, because its verifier is package-private.
 */
class ServiceTokensTest {

    private final RunningService service = RunningService.on(TestStore.SQLITE);

    @Test
    void aServiceTokenIsAllowedByTheAuthorizerAndATamperedOneIsNot() {
        Accounts.Account alice = new Accounts(service).user();
        TokenVerifier verifier =
                new TokenVerifier(
                        new JwksCache(
                                JwksFetcher.allowingPlainHttp(
                                        URI.create(
                                                service.api().baseUrl()
                                                        + "/.well-known/jwks.json")),
                                Clock.systemUTC()),
                        "waymark",
                        Clock.systemUTC());
        String token = alice.token();
        int last = token.length() - 5;
        String tampered =
                token.substring(0, last)
                        + (token.charAt(last) == 'A' ? 'B' : 'A')
                        + token.substring(last + 1);

        assertThat(verifier.verify("Bearer " + token))
                .isEqualTo(new Decision.Allow(alice.id(), "user", alice.userName()));
        assertThat(verifier.verify("Bearer " + tampered))
                .isEqualTo(new Decision.Deny(Decision.Reason.BAD_SIGNATURE));
    }
}
