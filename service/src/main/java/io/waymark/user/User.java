package io.waymark.user;

import io.waymark.shared.Role;
import java.time.Instant;
import java.util.Locale;

/**
 * A stored user. Never serialized as is: {@link UserResponse} is what leaves the service.
 *
 * @param version the ETag version, raised by every change
 * @param tokenVersion carried in every access token as {@code ver}; raised when the password or
 *     role changes or the user signs out, which ends every token issued before. Never repeats for
 *     an id, even when a user is deleted and another created under the same id (see {@link
 *     #nextTokenVersion})
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
                revokesTokens ? nextTokenVersion(tokenVersion, now) : tokenVersion);
    }

    /**
     * The user after signing out: every token issued so far ends, nothing else changes but the ETag
     * version (a write that read the user before must not put the old token version back).
     */
    User signedOut(Instant now) {
        return new User(
                id,
                userName,
                passwordHash,
                role,
                createdAt,
                updatedAt,
                version + 1,
                nextTokenVersion(tokenVersion, now));
    }

    /**
     * A new user's token version: the time in milliseconds, so a user created under the id of a
     * deleted one starts above every version the deleted one had, without a tombstone to remember
     * it.
     */
    static long firstTokenVersion(Instant now) {
        return now.toEpochMilli();
    }

    /**
     * At least the time in milliseconds and always above the last: versions grow with the clock
     * (one change per millisecond would be needed to run ahead of it, and each costs a bcrypt check
     * or a request), so no later user of the id can be given one an earlier token carries.
     */
    static long nextTokenVersion(long current, Instant now) {
        return Math.max(current + 1, now.toEpochMilli());
    }
}
