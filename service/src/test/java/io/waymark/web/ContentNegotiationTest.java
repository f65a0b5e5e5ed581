package io.waymark.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resources are application/json and nothing else; an answer without a body takes any Accept. */
class ContentNegotiationTest {

    private final RunningService service = RunningService.on(TestStore.SQLITE);
    private final Api api = service.api();
    private final Accounts.Account user = new Accounts(service).user();

    @Test
    void aResourceIsNeverLabelledAsAProblem() {
        var answer =
                api.call("GET", "/api/v1/auth/me")
                        .token(user.token())
                        .header("Accept", "application/problem+json")
                        .send();

        assertThat(answer.status()).isEqualTo(406);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().get("type").asString())
                .isEqualTo("urn:waymark:problem:not-acceptable");
    }

    @Test
    void aDeleteAnswersWhateverTheClientAccepts() {
        // What a generated client sends for an operation whose only documented bodies are problems.
        String id =
                api.post("/api/v1/todos", user.token(), Map.of("title", "to go"))
                        .json()
                        .get("id")
                        .asString();

        var answer =
                api.call("DELETE", "/api/v1/todos/" + id)
                        .token(user.token())
                        .header("Accept", "application/problem+json")
                        .send();

        assertThat(answer.status()).isEqualTo(204);
    }
}
