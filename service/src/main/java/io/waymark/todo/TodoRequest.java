package io.waymark.todo;

import io.waymark.shared.Rfc3339;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/todos} and {@code PUT /api/v1/todos/{id}}, and what a merge patch
 * becomes once applied. It has no {@code id}, {@code owner_id}, timestamps or {@code version}:
 * those are the server's, and a body naming them is refused as an unknown field (400) rather than
 * silently ignored.
 *
 * @param deadline RFC 3339, or {@code null} for none
 * @param status {@code pending} when left out
 * @param priority 0 when left out
 */
record TodoRequest(
        @NotBlank(message = TITLE_MESSAGE) @Size(max = 200, message = TITLE_MESSAGE) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String title,
        @Size(max = 10_000, message = "must be at most 10,000 characters") @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String description,
        String deadline,
        TodoStatus status,
        @Min(value = 0, message = PRIORITY_MESSAGE) @Max(value = 1000, message = PRIORITY_MESSAGE) Integer priority) {

    static final String TITLE_MESSAGE =
            "is required: 1 to 200 characters (leading and trailing spaces are trimmed)";
    static final String PRIORITY_MESSAGE = "must be between 0 and 1000";

    /**
     * PostgreSQL text cannot hold U+0000; refused on every store, so they all keep the same to-dos.
     */
    static final String NO_NUL = "[^\\x00]*";

    static final String NUL_MESSAGE = "must not contain the NUL character (U+0000)";

    TodoRequest {
        title = title == null ? null : title.strip();
    }

    TodoValues values() {
        return new TodoValues(
                title,
                description,
                deadline == null ? null : Rfc3339.parse("deadline", deadline),
                status == null ? TodoStatus.PENDING : status,
                priority == null ? 0 : priority);
    }
}
