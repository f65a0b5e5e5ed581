package io.waymark.todo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The one message that cannot be built from its limit at compile time is tied to it here. */
class TodoRequestTest {

    @Test
    void theDescriptionMessageNamesTheDescriptionLimit() {
        assertThat(TodoRequest.DESCRIPTION_MESSAGE)
                .isEqualTo(
                        "must be at most "
                                + String.format(Locale.ENGLISH, "%,d", TodoRequest.MAX_DESCRIPTION)
                                + " characters");
    }
}
