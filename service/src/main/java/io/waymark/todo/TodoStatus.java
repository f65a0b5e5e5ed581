package io.waymark.todo;

import io.waymark.shared.WireName;

public enum TodoStatus implements WireName {
    PENDING,
    IN_PROGRESS,
    COMPLETED;

    static final String ALLOWED = WireName.allOf(TodoStatus.class);

    /**
     * Parses a wire name from a query parameter or a patch; anything else is a 400 naming {@code
     * field}.
     */
    static TodoStatus parse(String field, String value) {
        return WireName.parse(TodoStatus.class, field, value);
    }
}
