package io.waymark.authorizer;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;

/** The real handler, verifying against a JWKS served on 127.0.0.1, with a clock the test moves. */
final class HandlerFixture implements AutoCloseable {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
    final ECKey key = Tokens.newKey("key-1");
    final JwksServer jwks = new JwksServer().publish(key);
    final AuthorizerHandler handler =
            new AuthorizerHandler(
                    new TokenVerifier(
                            new JwksCache(JwksFetcher.allowingPlainHttp(jwks.url()), clock),
                            Tokens.ISSUER,
                            clock));

    @Override
    public void close() {
        jwks.close();
    }
}
