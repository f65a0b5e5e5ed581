package io.waymark.infra.config;

/**
 * A context value or combination the app refuses to synthesize; the message names the context key.
 */
public final class InvalidContextException extends IllegalArgumentException {

    public InvalidContextException(ContextKey key, String message) {
        super("Invalid CDK context '" + key.key() + "': " + message);
    }
}
