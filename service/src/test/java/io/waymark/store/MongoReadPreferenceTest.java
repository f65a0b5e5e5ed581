package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ReadPreference;
import com.mongodb.client.MongoDatabase;
import io.waymark.testing.Accounts;
import io.waymark.testing.EmbeddedServers;
import io.waymark.testing.RunningService;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A caller reads its own writes on MongoDB and DocumentDB: the stores read from the primary even
 * when DATABASE_URL asks for secondaries, since a replica a few milliseconds behind turns
 * register-then-sign-in into a 401 and create-then-get into a 404.
 */
class MongoReadPreferenceTest {

    private static RunningService service;

    @BeforeAll
    static void start() {
        service =
                RunningService.start(
                        Map.of(
                                "database.url",
                                EmbeddedServers.newMongoDatabase()
                                        + "?readPreference=secondaryPreferred"),
                        Map.of());
    }

    @AfterAll
    static void stop() {
        service.stop();
    }

    @Test
    void storesReadFromThePrimaryWhateverTheUrlAsks() {
        MongoDatabase database = service.bean(MongoDatabase.class);

        assertThat(database.getReadPreference()).isEqualTo(ReadPreference.primary());
        assertThat(database.getCollection("users").getReadPreference())
                .isEqualTo(ReadPreference.primary());
    }

    @Test
    void aRegisteredUserSignsInAndFindsWhatItCreated() {
        Accounts.Account alice = new Accounts(service).user();

        var created =
                service.api()
                        .post("/api/v1/todos", alice.token(), Map.of("title", "read my write"));
        var read =
                service.api()
                        .get("/api/v1/todos/" + created.json().get("id").asString(), alice.token());

        assertThat(created.status()).isEqualTo(201);
        assertThat(read.status()).isEqualTo(200);
    }
}
