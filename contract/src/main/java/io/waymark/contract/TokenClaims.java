package io.waymark.contract;

/**
 * What a Waymark access token carries besides the registered claims ({@code sub} the user id,
 * {@code iss}, {@code aud}, {@code iat}, {@code exp}): written by the service's token service, read
 * by the service itself and by the Lambda authorizer. ES256-signed, with the signing key's {@code
 * kid} in the header.
 */
public final class TokenClaims {

    /** The user name, for display. */
    public static final String NAME = "name";

    /** The role's wire name: {@code user} or {@code admin}. */
    public static final String ROLE = "role";

    /**
     * The user's token version when the token was issued; a lower one than the user's current is
     * revoked.
     */
    public static final String VERSION = "ver";

    /**
     * The audience ({@code aud}) every token names and every verifier requires: a token that the
     * same key signed for something else is not an access token for this API.
     */
    public static final String AUDIENCE = "waymark-api";

    private TokenClaims() {}
}
