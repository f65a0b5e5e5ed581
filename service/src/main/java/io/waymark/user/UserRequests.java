package io.waymark.user;

import io.waymark.shared.Role;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The bodies of the user endpoints, with the rules every user name and password must follow. */
final class UserRequests {

    static final String NAME_RULE = "[a-zA-Z0-9._-]{3,64}";
    static final String NAME_MESSAGE =
            "must be 3 to 64 characters of letters, digits, '.', '_' or '-'";

    private UserRequests() {}

    /** {@code POST /api/v1/users}. */
    record Register(
            @NotNull @Pattern(regexp = NAME_RULE, message = NAME_MESSAGE) String userName,
            @NotNull @Password String password,
            Role role) {}

    /**
     * {@code PUT /api/v1/users/{id}}: the password may be left out when the user exists already.
     * Changing your own password takes the current one as well, so a stolen token alone cannot take
     * the account over.
     */
    record Replace(
            @NotNull @Pattern(regexp = NAME_RULE, message = NAME_MESSAGE) String userName,
            @Password String password,
            String currentPassword,
            Role role) {

        /** PUT changes an existing user as a PATCH naming every field would. */
        Patch asPatch() {
            return new Patch(userName, password, currentPassword, role);
        }
    }

    /**
     * {@code PATCH /api/v1/users/{id}}: only the fields that are present change; passwords as for
     * PUT, and renaming yourself takes the current password too (the name is half of a sign-in).
     */
    record Patch(
            @Pattern(regexp = NAME_RULE, message = NAME_MESSAGE) String userName,
            @Password String password,
            String currentPassword,
            Role role) {}

    /**
     * {@code DELETE /api/v1/users/{id}}: deleting your own account takes the current password; an
     * admin deleting another's sends no body.
     */
    record Delete(String currentPassword) {}
}
