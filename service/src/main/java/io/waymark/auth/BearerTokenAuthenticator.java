package io.waymark.auth;

import io.waymark.shared.Caller;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * The resource server's authentication: a bearer token becomes a {@link Caller} through {@link
 * VerifiedTokens}. It replaces Spring's JWT provider so that the verified caller, not the decoded
 * JWT, is what gets cached.
 */
class BearerTokenAuthenticator implements AuthenticationManager {

    private final VerifiedTokens tokens;

    BearerTokenAuthenticator(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        return new CallerAuthentication(tokens.callerOf(token));
    }

    /** An authenticated caller, with the authority {@code ROLE_USER} or {@code ROLE_ADMIN}. */
    static final class CallerAuthentication extends AbstractAuthenticationToken {

        private final Caller caller;

        CallerAuthentication(Caller caller) {
            super(AuthorityUtils.createAuthorityList("ROLE_" + caller.role().name()));
            this.caller = caller;
            setAuthenticated(true);
        }

        @Override
        public Caller getPrincipal() {
            return caller;
        }

        /** The token itself is not kept: nothing downstream needs it, and it is a credential. */
        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public String getName() {
            return caller.id();
        }
    }
}
