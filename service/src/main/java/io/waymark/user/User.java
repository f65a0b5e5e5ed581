package io.waymark.user;

import java.time.Instant;
import java.util.Locale;

/** A stored user. Never serialized as is: {@link UserResponse} is what leaves the service. */
public record User(String id, String userName, String passwordHash, Role role, Instant createdAt,
                   Instant updatedAt, long version) {

    /** User names are unique regardless of case; this is the key that enforces it. */
    public String userNameKey() {
        return keyOf(userName);
    }

    public static String keyOf(String userName) {
        return userName.toLowerCase(Locale.ROOT);
    }

    User changed(String newUserName, String newPasswordHash, Role newRole, Instant now) {
        return new User(id, newUserName, newPasswordHash, newRole, createdAt, now, version + 1);
    }
}
