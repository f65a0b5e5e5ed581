package io.waymark.shared;

/**
 * Who is calling, as proven by a verified access token. Controllers take it as a method argument.
 */
public record Caller(String id, String userName, Role role) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** An admin may act on anyone's behalf; everyone else only on their own. */
    public boolean mayActFor(String userId) {
        return isAdmin() || id.equals(userId);
    }

    public void requireSelfOrAdmin(String userId) {
        if (!mayActFor(userId)) {
            throw new ForbiddenException("Only the user themselves or an admin may do this");
        }
    }
}
