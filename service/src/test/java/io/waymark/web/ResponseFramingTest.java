package io.waymark.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Answers that fit Tomcat's buffer leave whole, with their length; larger ones still arrive
 * complete.
 */
class ResponseFramingTest {

    private final RunningService service = RunningService.on(TestStore.SQLITE);
    private final Api api = service.api();

    @Test
    void aSmallJsonAnswerCarriesItsLengthInsteadOfChunks() {
        Accounts.Account alice = new Accounts(service).user();
        String id =
                api.post("/api/v1/todos", alice.token(), Map.of("title", "framed"))
                        .json()
                        .get("id")
                        .asString();

        for (Api.Response answer :
                new Api.Response[] {
                    api.get("/health", null),
                    api.get("/api/v1/todos/" + id, alice.token()),
                    api.get("/api/v1/todos/" + id, null)
                }) {
            assertThat(answer.header("Transfer-Encoding")).as(answer.toString()).isNull();
            assertThat(answer.header("Content-Length"))
                    .as(answer.toString())
                    .isEqualTo(
                            String.valueOf(answer.body().getBytes(StandardCharsets.UTF_8).length));
        }
    }

    @Test
    void anAnswerLargerThanTheBufferStillArrivesWhole() {
        Accounts.Account bob = new Accounts(service).user();
        String longTitle = "t".repeat(190);
        IntStream.range(0, 60)
                .forEach(
                        i ->
                                api.post(
                                        "/api/v1/todos",
                                        bob.token(),
                                        Map.of("title", longTitle + i)));

        Api.Response page = api.get("/api/v1/todos?limit=60", bob.token());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().length()).isGreaterThan(8 * 1024);
        assertThat(page.json().get("items")).hasSize(60);
    }
}
