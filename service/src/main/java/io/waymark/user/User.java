package io.waymark.user;

import io.waymark.shared.Role;
import java.time.Instant;
import java.util.Locale;

/**
 * A stored user. Never serialized as is: {@link UserResponse} is what leaves the service.
 *
 * @param version the ETag version, raised by every change
 * @param tokenVersion carried in every access token as {@code ver}; raised when the password or
 *     role changes, which ends every token issued before
 */
public record User(
        String id,
        String userName,
        String passwordHash,
        Role role,
        Instant createdAt,
        Instant updatedAt,
        long version,
        long tokenVersion) {

    /** User names are unique regardless of case; this is the key that enforces it. */
    public String userNameKey() {
        return keyOf(userName);
    }

    public static String keyOf(String userName) {
        return userName.toLowerCase(Locale.ROOT);
    }

    /** The user after a change; a new password or role also ends the tokens issued so far. */
    User changed(String newUserName, String newPasswordHash, Role newRole, Instant now) {
        boolean revokesTokens = !newPasswordHash.equals(passwordHash) || newRole != role;
        return new User(
                id,
                newUserName,
                newPasswordHash,
                newRole,
                createdAt,
                now,
                version + 1,
                revokesTokens ? tokenVersion + 1 : tokenVersion);
    }
}
