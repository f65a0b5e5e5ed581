package io.waymark.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.shared.TooManyRequestsException;
import io.waymark.user.Passwords;
import io.waymark.user.User;
import io.waymark.user.UserService;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.util.function.SingletonSupplier;

/**
 * Sign-in with a password, all of it: the user looked up by name, the password checked under the
 * throttle ({@link Passwords}, 429 when this client must wait), a decoy hash when the name is
 * unknown, the outcome counted, and the access token issued.
 */
@Service
class SignIn {

    private static final String DECOY_PASSWORD = "decoy-password-for-unknown-users";

    private final UserService users;
    private final Passwords passwords;
    private final AccessTokens tokens;

    /**
     * Compared against when the user name is unknown, so a wrong name costs as long as a wrong
     * password and the two look the same.
     */
    private final Supplier<String> decoyHash;

    /**
     * {@code waymark_sign_in_attempts_total{outcome}}: password sign-ins that succeeded, failed, or
     * were throttled.
     */
    private final Counter succeeded;

    private final Counter failed;
    private final Counter throttled;

    SignIn(UserService users, Passwords passwords, AccessTokens tokens, MeterRegistry meters) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.decoyHash = SingletonSupplier.of(() -> passwords.hash(DECOY_PASSWORD));
        this.succeeded = attempts(meters, "success");
        this.failed = attempts(meters, "failure");
        this.throttled = attempts(meters, "throttled");
    }

    /**
     * The token for these credentials, or empty when they are wrong; 429 when this client must
     * wait.
     */
    Optional<AccessTokens.AccessToken> signIn(String userName, String password, String client) {
        Optional<User> user = users.findByUserName(userName);
        String hash = user.map(User::passwordHash).orElseGet(decoyHash);
        boolean matched;
        try {
            matched = passwords.check(userName, client, password, hash);
        } catch (TooManyRequestsException e) {
            throttled.increment();
            throw e;
        }
        Optional<User> signedIn = matched ? user : Optional.empty();
        (signedIn.isPresent() ? succeeded : failed).increment();
        return signedIn.map(tokens::issue);
    }

    private static Counter attempts(MeterRegistry meters, String outcome) {
        return Counter.builder("waymark.sign.in.attempts")
                .tag("outcome", outcome)
                .description("Password sign-ins at POST /api/v1/auth/token by outcome")
                .register(meters);
    }
}
