package io.waymark.user;

import io.waymark.shared.Role;
import java.time.Instant;

/** A user as clients see it: never the password hash. */
public record UserResponse(
        String id, String userName, Role role, Instant createdAt, Instant updatedAt) {

    public static UserResponse of(User user) {
        return new UserResponse(
                user.id(), user.userName(), user.role(), user.createdAt(), user.updatedAt());
    }
}
