package io.waymark.user;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Hashing passwords and checking them, every check under {@link PasswordThrottle}: sign-in and the
 * current password that account changes ask for share one budget per account and client.
 */
@Component
public class Passwords {

    /** Compared instead of a password bcrypt cannot hash, so that one costs the same time. */
    private static final String STAND_IN = "decoy-password-for-unknown-users";

    private final PasswordEncoder encoder;
    private final PasswordThrottle throttle;

    Passwords(PasswordEncoder encoder, PasswordThrottle throttle) {
        this.encoder = encoder;
        this.throttle = throttle;
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    /**
     * Whether {@code password} matches {@code hash}, checked under the throttle for this account
     * and client (429 when the client must wait). bcrypt refuses passwords over 72 bytes, which
     * therefore match nothing; they cost the same time anyway.
     */
    public boolean check(String account, String client, String password, String hash) {
        return throttle.check(
                account,
                client,
                () -> {
                    boolean fits = Password.Rule.fitsTheHash(password);
                    boolean matches = encoder.matches(fits ? password : STAND_IN, hash);
                    return fits && matches;
                });
    }
}
