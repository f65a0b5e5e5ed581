package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.Race;
import io.waymark.testing.RunningService;
import io.waymark.testing.Seeds;
import io.waymark.testing.TestStore;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SQLite has one writer at a time; clients must never see that as "database is locked". Which
 * writer renames and which registers is drawn from a seed ({@code -Dwaymark.concurrency.seed=N}
 * replays a run).
 */
class SqliteConcurrencyTest {

    private static final long FIXED_SEED = 20_260_501L;

    @Test
    void manyConcurrentWritersAllSucceed() {
        RunningService service = RunningService.on(TestStore.SQLITE);
        Api api = service.api();
        Accounts.Account alice = new Accounts(service).user();
        // An admin renames without a password check, so the race is between writers, not bcrypt.
        String admin = new Accounts(service).admin().token();
        long seed = Seeds.seed("waymark.concurrency.seed", FIXED_SEED);
        Random random = new Random(seed);
        // Drawn before the race: threads drawing from one Random would take the values in no fixed
        // order.
        List<Boolean> renames = random.ints(48, 0, 2).mapToObj(draw -> draw == 0).toList();

        // Renames hit the same row (read-modify-write);
        // registrations add rows: both kinds of write.
        List<Api.Response> answers =
                Race.run(
                        renames.size(),
                        i ->
                                renames.get(i)
                                        ? api.patch(
                                                "/api/v1/users/" + alice.id(),
                                                admin,
                                                Map.of("user_name", Accounts.uniqueName("racer")))
                                        : api.post(
                                                "/api/v1/users",
                                                null,
                                                Map.of(
                                                        "user_name",
                                                        Accounts.uniqueName("crowd"),
                                                        "password",
                                                        Accounts.PASSWORD)));

        for (Api.Response response : answers) {
            assertThat(response.status()).as(response + " (seed " + seed + ")").isIn(200, 201);
            assertThat(response.body()).doesNotContainIgnoringCase("locked");
        }
    }
}
