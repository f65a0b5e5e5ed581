package io.waymark.location;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts.Account;
import io.waymark.testing.Api;
import io.waymark.testing.OnEveryStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A ping's optional readings over {@code POST /api/v1/locations} on every store: kept and returned
 * in their units, and refused when out of range, with every bad field named.
 */
class PingFieldsApiTest extends OnEveryStore {

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    @Test
    void batterySpeedHeadingAndAltitudeAreKeptAndReturned() {
        Account alice = accounts().user();

        Api.Response created =
                api().post(
                                "/api/v1/locations",
                                alice.token(),
                                """
                                {"lat":1.5,"lng":2.5,"battery_pct":55.5,"speed_mps":3.25,\
                                "heading_deg":359.5,"altitude_m":-12.5}""");
        JsonNode read =
                api().get("/api/v1/users/" + alice.id() + "/locations", alice.token())
                        .json()
                        .get("items")
                        .get(0);

        assertThat(created.status()).isEqualTo(201);
        for (JsonNode ping : List.of(created.json(), read)) {
            assertThat(ping.get("battery_pct").asDouble()).isEqualTo(55.5);
            assertThat(ping.get("speed_mps").asDouble()).isEqualTo(3.25);
            assertThat(ping.get("heading_deg").asDouble()).isEqualTo(359.5);
            assertThat(ping.get("altitude_m").asDouble()).isEqualTo(-12.5);
            assertThat(ping.get("device_id").isNull()).isTrue();
        }
    }

    @Test
    void outOfRangeReadingsAreRefusedEachNamed() {
        Account alice = accounts().user();

        Api.Response refused =
                api().post(
                                "/api/v1/locations",
                                alice.token(),
                                """
                                {"pings":[{"lat":1,"lng":2,"battery_pct":100.5,"speed_mps":-1},\
                                {"lat":1,"lng":2,"heading_deg":360.1}]}""");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(fields(refused))
                .containsExactlyInAnyOrder(
                        "pings[0].battery_pct", "pings[0].speed_mps", "pings[1].heading_deg");
    }
}
