package io.waymark.auth;

import org.springframework.security.core.AuthenticationException;

/**
 * The token could not be checked because the store is unavailable: answered 503, never 401, so
 * clients retry instead of throwing their (valid) token away. Not an {@code
 * AuthenticationServiceException}, which Spring Security rethrows instead of handing it to the
 * entry point.
 */
class StoreUnavailableAuthenticationException extends AuthenticationException {

    StoreUnavailableAuthenticationException(Throwable cause) {
        super("The store is unavailable", cause);
    }
}
