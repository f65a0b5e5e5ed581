package io.waymark.shared;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

public enum Role {
    @JsonProperty("user") USER,
    @JsonProperty("admin") ADMIN;

    /** The wire and storage name: {@code user} or {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
