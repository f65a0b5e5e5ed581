package io.waymark.shared;

/** What a user may do: their own things ({@code user}), or everyone's ({@code admin}). */
public enum Role implements WireName {
    USER,
    ADMIN;

    /**
     * The role stored in a row or carried in a token, which only ever hold a {@link #wireName()}.
     */
    public static Role fromWireName(String name) {
        return WireName.find(Role.class, name)
                .orElseThrow(() -> new IllegalArgumentException("No role '" + name + "'"));
    }
}
