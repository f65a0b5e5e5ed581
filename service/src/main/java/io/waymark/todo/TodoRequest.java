package io.waymark.todo;

import io.swagger.v3.oas.annotations.media.Schema;
import io.waymark.shared.ApiException.FieldError;
import io.waymark.shared.InvalidRequestException;
import io.waymark.shared.Rfc3339;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /api/v1/todos} and {@code PUT /api/v1/todos/{id}}, and what a merge patch
 * becomes once applied. It has no {@code id}, {@code owner_id}, timestamps or {@code version}:
 * those are the server's, and a body naming them is refused as an unknown field (400) rather than
 * silently ignored.
 *
 * @param deadline RFC 3339, or {@code null} for none
 * @param status {@code pending} when left out
 * @param priority 0 when left out
 * @param place {@code null} for none
 */
record TodoRequest(
        @NotBlank(message = TITLE_MESSAGE) @Size(max = MAX_TITLE, message = TITLE_MESSAGE) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String title,
        @Size(max = MAX_DESCRIPTION, message = DESCRIPTION_MESSAGE) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String description,
        String deadline,
        TodoStatus status,
        @Min(value = MIN_PRIORITY, message = PRIORITY_MESSAGE) @Max(value = MAX_PRIORITY, message = PRIORITY_MESSAGE) Integer priority,
        @Schema(types = {"object", "null"}) PlaceRequest place,
        @Schema(
                        description =
                                "Move from pending to in progress on the first arrival at the place (default false)")
                Boolean startOnArrival) {

    /**
     * The limits, read by these annotations and by the API description of a merge patch ({@link
     * TodoMergePatch.Members}).
     */
    static final int MAX_TITLE = 200;

    static final int MAX_DESCRIPTION = 10_000;
    static final int MIN_PRIORITY = 0;
    static final int MAX_PRIORITY = 1000;

    static final String TITLE_MESSAGE =
            "is required: 1 to "
                    + MAX_TITLE
                    + " characters (leading and trailing spaces are trimmed)";

    /** Written out with its thousands separator; {@code TodoRequestTest} ties it to the limit. */
    static final String DESCRIPTION_MESSAGE = "must be at most 10,000 characters";

    static final String PRIORITY_MESSAGE =
            "must be between " + MIN_PRIORITY + " and " + MAX_PRIORITY;

    /**
     * PostgreSQL text cannot hold U+0000; refused on every store, so they all keep the same to-dos.
     */
    static final String NO_NUL = "[^\\x00]*";

    static final String NUL_MESSAGE = "must not contain the NUL character (U+0000)";

    TodoRequest {
        title = title == null ? null : title.strip();
    }

    TodoValues values() {
        Place checked = null;
        if (place != null) {
            List<FieldError> errors = new ArrayList<>();
            checked = place.place(errors);
            if (!errors.isEmpty()) {
                throw InvalidRequestException.of(errors);
            }
        }
        return new TodoValues(
                title,
                description,
                deadline == null ? null : Rfc3339.parse("deadline", deadline),
                status == null ? TodoStatus.PENDING : status,
                priority == null ? 0 : priority,
                checked,
                Boolean.TRUE.equals(startOnArrival));
    }
}
