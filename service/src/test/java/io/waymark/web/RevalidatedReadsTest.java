package io.waymark.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Accounts.Account;
import io.waymark.testing.Api;
import io.waymark.testing.RestartablePostgres;
import io.waymark.testing.ServiceCluster;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reads an open map page polls answer 304 to an If-None-Match naming their current ETag, on
 * every instance alike: two instances of the service on one PostgreSQL database, as behind the load
 * balancer, where one poll may reach either. Also prints what one open page costs a minute.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RevalidatedReadsTest {

    /** The map page's refresh (map.js REFRESH_MS). */
    private static final Duration REFRESH = Duration.ofSeconds(3);

    private static RestartablePostgres postgres;
    private static ServiceCluster cluster;

    @BeforeAll
    static void start() {
        postgres = RestartablePostgres.start();
        cluster =
                ServiceCluster.start(
                        2, postgres.newDatabase("waymark_revalidated"), Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Account person() {
        return Accounts.registered(cluster.api(0), Accounts.uniqueName("walker"));
    }

    private static void ping(Api api, Account who, String lat, String lng) {
        Api.Response posted =
                api.post(
                        "/api/v1/locations",
                        who.token(),
                        Map.of(
                                "lat",
                                new BigDecimal(lat),
                                "lng",
                                new BigDecimal(lng),
                                "recorded_at",
                                Instant.now().toString()));
        assertThat(posted.status()).as("%s", posted).isEqualTo(201);
    }

    private static Api.Response get(Api api, String path, Account who, String ifNoneMatch) {
        Api.Call call = api.call("GET", path).token(who.token());
        if (ifNoneMatch != null) {
            call.header("If-None-Match", ifNoneMatch);
        }
        return call.send();
    }

    @Test
    void anUnchangedAnswerIs304OnEveryInstanceAndAChangeThroughEitherIsSeenByBoth() {
        Account walker = person();
        ping(cluster.api(0), walker, "47.000000", "8.000000");
        String latest = "/api/v1/locations/latest?user_id=" + walker.id();

        Api.Response first = get(cluster.api(0), latest, walker, null);
        String tag = first.header("ETag");
        Api.Response same = get(cluster.api(0), latest, walker, tag);
        Api.Response sameElsewhere = get(cluster.api(1), latest, walker, tag);

        assertThat(first.status()).isEqualTo(200);
        assertThat(tag).as("a strong tag").matches("\"[A-Za-z0-9_-]{43}\"");
        assertThat(same.status()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(same.header("ETag")).isEqualTo(tag);
        assertThat(sameElsewhere.status())
                .as("the other instance hashes the same answer to the same tag")
                .isEqualTo(304);

        ping(cluster.api(1), walker, "47.000100", "8.000100");
        Api.Response moved = get(cluster.api(0), latest, walker, tag);

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("items").get(0).get("lng").asString()).isEqualTo("8.0001");
        assertThat(moved.header("ETag")).isNotEqualTo(tag);
        assertThat(get(cluster.api(1), latest, walker, moved.header("ETag")).status())
                .isEqualTo(304);
    }

    @Test
    void theToDoListAndTheTrackChangeTheirTagWhenTheirDataChanges() {
        Account owner = person();
        Api.Response created =
                cluster.api(0)
                        .post("/api/v1/todos", owner.token(), Map.of("title", "Fix the pump"));
        String todo = created.json().get("id").asString();
        Api.Response list = get(cluster.api(0), "/api/v1/todos", owner, null);
        String track = "/api/v1/users/" + owner.id() + "/locations";
        Api.Response emptyTrack = get(cluster.api(0), track, owner, null);

        assertThat(get(cluster.api(1), "/api/v1/todos", owner, list.header("ETag")).status())
                .isEqualTo(304);
        Api.Response patched =
                cluster.api(1)
                        .call("PATCH", "/api/v1/todos/" + todo)
                        .token(owner.token())
                        .body("application/merge-patch+json", "{\"status\":\"in_progress\"}")
                        .send();
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        Api.Response changed = get(cluster.api(0), "/api/v1/todos", owner, list.header("ETag"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("items").get(0).get("status").asString())
                .isEqualTo("in_progress");

        ping(cluster.api(1), owner, "1.000000", "2.000000");
        assertThat(get(cluster.api(0), track, owner, emptyTrack.header("ETag")).status())
                .isEqualTo(200);
    }

    @Test
    void aTrackDownloadIsStreamedWithoutAnETag() {
        Account walker = person();
        ping(cluster.api(0), walker, "47.000000", "8.000000");

        Api.Response gpx =
                cluster.api(0)
                        .call("GET", "/api/v1/users/" + walker.id() + "/locations")
                        .token(walker.token())
                        .header("Accept", "application/gpx+xml")
                        .send();

        assertThat(gpx.status()).isEqualTo(200);
        assertThat(gpx.header("ETag")).isNull();
    }

    /**
     * What the map page of a user costs a minute while nothing moves: each refresh reads the latest
     * position and today's track (one page). Printed, not asserted: a figure for the docs.
     */
    @Test
    void printsTheCostOfAnOpenMapPageAMinute() {
        Account walker = person();
        Instant now = Instant.now();
        List<Map<String, Object>> today =
                IntStream.range(0, 200)
                        .mapToObj(
                                i ->
                                        Map.<String, Object>of(
                                                "lat", BigDecimal.valueOf(47_000_000 + i, 6),
                                                "lng", BigDecimal.valueOf(8_000_000 + i, 6),
                                                "accuracy_m", 5.0,
                                                "recorded_at",
                                                        now.minusSeconds(60L * i).toString()))
                        .toList();
        Api.Response posted =
                cluster.api(0).post("/api/v1/locations", walker.token(), Map.of("pings", today));
        assertThat(posted.status()).as("%s", posted).isEqualTo(201);
        List<String> reads =
                List.of(
                        "/api/v1/locations/latest?user_id=" + walker.id(),
                        "/api/v1/users/"
                                + walker.id()
                                + "/locations?from="
                                + Instant.now().minus(Duration.ofHours(12))
                                + "&to="
                                + Instant.now().plus(Duration.ofHours(12))
                                + "&limit=200");
        long refreshes = Duration.ofMinutes(1).dividedBy(REFRESH);
        long full = 0;
        long revalidated = 0;
        for (String read : reads) {
            Api.Response answer = get(cluster.api(0), read, walker, null);
            assertThat(answer.status()).as("%s", answer).isEqualTo(200);
            // Alternate instances, as a load balancer would.
            Api.Response notModified = get(cluster.api(1), read, walker, answer.header("ETag"));
            assertThat(notModified.status()).isEqualTo(304);
            full += refreshes * bytes(answer);
            revalidated += bytes(answer) + (refreshes - 1) * bytes(notModified);
        }
        System.out.printf(
                "An idle open map page (a user with 200 pings today, refresh every %d s): %d"
                        + " requests a minute; %d bytes a minute with 304s, %d without%n",
                REFRESH.toSeconds(), refreshes * reads.size(), revalidated, full);
        assertThat(revalidated).isLessThan(full);
    }

    /** The answer as it travelled: status line, headers, blank line, body. */
    private static long bytes(Api.Response response) {
        long size = "HTTP/1.1 200 \r\n\r\n".length();
        for (var header : response.headers().map().entrySet()) {
            for (String value : header.getValue()) {
                size += header.getKey().length() + 2 + value.length() + 2;
            }
        }
        return size + response.body().getBytes(StandardCharsets.UTF_8).length;
    }
}
