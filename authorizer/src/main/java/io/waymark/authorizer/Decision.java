package io.waymark.authorizer;

import java.util.HashMap;
import java.util.Map;

/** The outcome of checking one request's bearer token. */
sealed interface Decision {

    /** The token is genuine; its identity is passed to the service as authorizer context. */
    record Allow(String subject, String role, String name) implements Decision {

        Map<String, String> context() {
            Map<String, String> context = new HashMap<>();
            context.put("sub", subject);
            context.put("role", role);
            if (name != null) {
                context.put("name", name);
            }
            return Map.copyOf(context);
        }
    }

    /** The token is refused; API Gateway answers 403 and caches the refusal. */
    record Deny(Reason reason) implements Decision {}

    /**
     * The token could not be checked now (the keys are out of reach or not fetched yet): no verdict
     * on the token, so nothing API Gateway may cache.
     */
    record Undecided(Reason reason) implements Decision {}

    /** Why a token was refused; logged, never returned to the caller. */
    enum Reason {
        MISSING_TOKEN,
        MALFORMED,
        UNSIGNED,
        WRONG_ALGORITHM,
        UNKNOWN_KEY,
        KEY_NOT_FETCHED_YET,
        KEYS_UNAVAILABLE,
        BAD_SIGNATURE,
        EXPIRED,
        NOT_YET_VALID,
        WRONG_ISSUER,
        WRONG_AUDIENCE,
        MISSING_CLAIMS,
        INTERNAL_ERROR
    }
}
