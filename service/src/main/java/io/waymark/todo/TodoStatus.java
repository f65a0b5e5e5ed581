package io.waymark.todo;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.waymark.shared.InvalidRequestException;
import java.util.Arrays;
import java.util.stream.Collectors;

public enum TodoStatus {
    @JsonProperty("pending") PENDING("pending"),
    @JsonProperty("in_progress") IN_PROGRESS("in_progress"),
    @JsonProperty("completed") COMPLETED("completed");

    static final String ALLOWED = Arrays.stream(values()).map(TodoStatus::wireName).collect(Collectors.joining(", "));

    private final String wireName;

    TodoStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The wire and storage name. */
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name from a query parameter or a patch; anything else is a 400 naming {@code field}. */
    static TodoStatus parse(String field, String value) {
        return Arrays.stream(values()).filter(status -> status.wireName.equals(value)).findFirst()
                .orElseThrow(() -> InvalidRequestException.field(field, "must be one of " + ALLOWED));
    }
}
