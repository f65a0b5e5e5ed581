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

    record Deny(Reason reason) implements Decision {}

    /** Why a token was refused; logged, never returned to the caller. */
    enum Reason {
        MISSING_TOKEN,
        MALFORMED,
        UNSIGNED,
        WRONG_ALGORITHM,
        UNKNOWN_KEY,
        KEYS_UNAVAILABLE,
        BAD_SIGNATURE,
        EXPIRED,
        NOT_YET_VALID,
        WRONG_ISSUER,
        MISSING_CLAIMS,
        INTERNAL_ERROR
    }
}
