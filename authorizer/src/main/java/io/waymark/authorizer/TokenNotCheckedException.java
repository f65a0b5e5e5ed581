package io.waymark.authorizer;

import io.waymark.authorizer.Decision.Reason;
import java.util.Locale;

/**
 * Fails the invocation when a token could not be checked, so API Gateway answers 500 and caches no
 * denial.
 */
final class TokenNotCheckedException extends RuntimeException {

    TokenNotCheckedException(Reason reason) {
        // The handler has logged the decision; a stack trace would add nothing to the log.
        super(
                "Token not checked ("
                        + reason.name().toLowerCase(Locale.ROOT)
                        + "); failing so that API Gateway caches no denial",
                null,
                false,
                false);
    }
}
