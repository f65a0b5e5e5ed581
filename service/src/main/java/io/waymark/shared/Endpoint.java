package io.waymark.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an endpoint is, written on its handler method: who may call it, which limit it is behind,
 * the problems it answers beyond those every operation of its shape gives, and an example request
 * that succeeds (or fails as stated). Every reader takes it from here: the security filter chain
 * (public, signed in, admin), the OpenAPI document (bearer scheme, 401/403, 429, the declared
 * answers), {@code contract}'s list of public endpoints (a test ties it), the {@code train} command
 * (it sends every example and checks its status) and the generated bad-input test (it makes
 * resources with the examples). Start-up ({@code DeclaredEndpoints}) fails when a handler of the
 * service has no declaration or no example. See CONTRIBUTING.md, "Adding an endpoint or a feature".
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Endpoint {

    /** Who may call it; spelled out on every endpoint, so that none is public by omission. */
    Access access();

    Limit limit() default Limit.NONE;

    /**
     * Problems this operation can answer that its shape does not imply (the API description adds
     * 400, 401/403, 404, 409/422 with Idempotency-Key, 412, 413/415, 500 and 503 by shape).
     */
    Answer[] answers() default {};

    /** At least one: the requests {@code train} sends every round it is due, in this order. */
    Example[] examples();

    enum Access {
        /** No token: sign-in, registration, health, docs, the JWKS, the page's settings. */
        PUBLIC,
        /**
         * No token: the handler checks a device key itself (a phone app's ingest). Public at the
         * edge like {@link #PUBLIC}; the Authorization header, when sent, holds that key, so the
         * security filter chain does not read it as a token.
         */
        DEVICE_KEY,
        /** A valid bearer token. */
        SIGNED_IN,
        /** A valid bearer token of an admin; the security filter chain refuses anyone else. */
        ADMIN
    }

    /**
     * A read a page repeats every few seconds (the map's lists): its answer carries a strong ETag,
     * and an If-None-Match that names it answers 304 without a body ({@code RevalidatedReads}).
     */
    boolean polled() default false;

    /** A limit that answers 429 with Retry-After. */
    enum Limit {
        NONE,
        /** A throttle per client or account: sign-in, registration, what checks a password. */
        THROTTLED,
        /** A per-user write limit ({@code WriteLimits}). */
        PER_USER_WRITES
    }

    /** One more problem an operation can answer, and when. */
    @interface Answer {
        ProblemType type();

        /** When it happens, for the API description: "That user name or id is taken". */
        String when();
    }

    /**
     * A request to this endpoint and the status it gets when sent by {@code train}'s signed-in
     * admin. A path variable that follows a collection ({@code /api/v1/todos/{id}}) takes the id
     * that the last successful {@code POST} to that collection answered, unless {@link #variables}
     * names it. {@code {round}}, {@code {user}} and {@code {password}} in the query, headers or
     * body stand for the training round and the admin's credentials, and {@code {devices.key}} for
     * the text member {@code key} of the last answer to a POST to {@code .../devices} (POSTs are
     * sent first, in path order); {@code {epoch}} and {@code {now}} for a position's time (epoch
     * seconds, ISO 8601), a second earlier each round; and {@code Authorization: Basic
     * user:password} is sent in Base64, as RFC 7617 has it.
     */
    @interface Example {
        /** {@code name=value} for a path variable that is not an id made by this run. */
        String[] variables() default {};

        /** The query string, without {@code ?}. */
        String query() default "";

        /** The body's media type; {@code application/json} when there is a body and none is set. */
        String contentType() default "";

        String body() default "";

        /** {@code Name: value}. */
        String[] headers() default {};

        int status();

        /** Sent every this many rounds (rounds 0, n, 2n, ...): for what real use does seldom. */
        int every() default 1;
    }
}
