package io.waymark.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts.Account;
import io.waymark.testing.Api.Response;
import io.waymark.testing.LostAcknowledgements;
import io.waymark.testing.OnEveryStore;
import io.waymark.testing.OwnServices;
import io.waymark.testing.RunningService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A keyed write whose commit reached the store but whose acknowledgement was lost (the connection
 * dropped after the server committed): the client hears 503 and retries with the same key, which
 * must replay the stored answer, not write a second time. Issue 19, finding 1.
 */
class UnknownCommitOutcomeTest extends OnEveryStore {

    private static final String TODOS = "/api/v1/todos";

    private static final LostAcknowledgements lostAcknowledgements = new LostAcknowledgements();

    @RegisterExtension
    static final OwnServices own = new OwnServices(List.of(lostAcknowledgements));

    @Override
    protected RunningService service() {
        return own.on(store);
    }

    @Test
    void aRetryAfterACommitWithAnUnknownOutcomeReplaysTheAnswerAndWritesNothingTwice() {
        Account ivy = accounts().user();
        String key = UUID.randomUUID().toString();
        Map<String, Object> todo = Map.of("title", "once only", "priority", 7);

        lostAcknowledgements.armForUpdateOf("idempotency_keys");
        int lostBefore = lostAcknowledgements.lost();
        Response first = create(ivy, key, todo);
        assertThat(lostAcknowledgements.lost())
                .as("the answer's commit was applied and reported failed")
                .isEqualTo(lostBefore + 1);
        Response retry = create(ivy, key, todo);

        assertThat(first.status()).as(first.toString()).isEqualTo(503);
        assertThat(first.contentType()).startsWith("application/problem+json");
        assertThat(first.header("Retry-After")).isNotNull();
        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.header(Idempotency.REPLAYED_HEADER))
                .as("the retry replays the stored answer")
                .isEqualTo("true");
        assertThat(ids(ivy)).containsExactly(retry.json().get("id").asString());
    }

    private Response create(Account caller, String key, Map<String, Object> todo) {
        return api().call("POST", TODOS)
                .token(caller.token())
                .header(Idempotency.HEADER, key)
                .json(todo)
                .send();
    }

    private List<String> ids(Account caller) {
        Response response = api().get(TODOS, caller.token());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
