package io.waymark.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Accounts.Account;
import io.waymark.testing.Api;
import io.waymark.testing.RawHttp;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: every JSON answer ends with a newline, so curl's output does not run into the prompt:
 * bodies written by the message converter (answers and problems), by {@link ProblemWriter} (the
 * filters' problems) and by Tomcat's error report (a request it cannot read), each with a
 * Content-Length that counts the newline.
 */
class JsonAnswersEndWithANewlineTest {

    private final RunningService service = RunningService.on(TestStore.SQLITE);
    private final Api api = service.api();

    @Test
    void answersAndProblemsFromEveryWriterEndWithANewline() {
        Account alice = new Accounts(service).user();
        RawHttp raw = RawHttp.to(api);

        assertEndsWithNewline(
                raw.request("POST", "/api/v1/todos")
                        .header("Authorization", "Bearer " + alice.token())
                        .header("Content-Type", "application/json")
                        .body("{\"title\":\"Check the pump\"}")
                        .send(),
                201,
                "application/json");
        assertEndsWithNewline(
                raw.request("GET", "/api/v1/todos")
                        .header("Authorization", "Bearer " + alice.token())
                        .send(),
                200,
                "application/json");
        assertEndsWithNewline(
                raw.request("GET", "/api/v1/todos/01890000-0000-7000-8000-000000000000")
                        .header("Authorization", "Bearer " + alice.token())
                        .send(),
                404,
                "application/problem+json");
        assertEndsWithNewline(
                raw.request("GET", "/api/v1/todos").send(), 401, "application/problem+json");
        assertEndsWithNewline(
                raw.request("GET", "/health").requestLine("GET /health HTTP/1.1 extra").send(),
                400,
                "application/problem+json");
    }

    private static void assertEndsWithNewline(
            RawHttp.Answer answer, int status, String contentType) {
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        assertThat(answer.status()).as(body).isEqualTo(status);
        assertThat(answer.contentType()).startsWith(contentType);
        assertThat(body).endsWith("}\n").doesNotEndWith("\n\n");
        if (answer.header("Content-Length") != null) {
            assertThat(Integer.parseInt(answer.header("Content-Length")))
                    .isEqualTo(answer.body().length);
        }
    }
}
