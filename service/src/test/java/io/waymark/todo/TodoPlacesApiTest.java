package io.waymark.todo;

import static io.waymark.todo.TodoFixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts.Account;
import io.waymark.testing.Api.Response;
import io.waymark.testing.OnEveryStore;
import io.waymark.testing.Pages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A to-do's place and the lists measured from a point, over HTTP on every store. Distances along
 * the meridian at 51.5° N: a thousandth of a degree of latitude is 111.2 m.
 */
class TodoPlacesApiTest extends OnEveryStore {

    private static final String COLLECTION = "/api/v1/todos";
    private static final String NEAR = "near=51.5,0";

    private Account alice;

    @BeforeEach
    void signIn() {
        alice = accounts().user();
    }

    private static Map<String, Object> place(Object lat, Object lng, Object... more) {
        Map<String, Object> place = new HashMap<>();
        place.put("lat", lat);
        place.put("lng", lng);
        for (int i = 0; i < more.length; i += 2) {
            place.put((String) more[i], more[i + 1]);
        }
        return place;
    }

    private JsonNode create(Map<String, Object> body) {
        Response response = api().post(COLLECTION, alice.token(), body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private JsonNode list(String query) {
        Response response = api().get(COLLECTION + "?" + query, alice.token());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> titles(JsonNode page) {
        List<String> titles = new ArrayList<>();
        page.get("items").forEach(item -> titles.add(item.get("title").asString()));
        return titles;
    }

    private static void assertProblem(Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).as(response.toString()).contains(field);
    }

    /** Four to-dos: 111 m, 556 m and 2.2 km north of the near point, and one without a place. */
    private void seedAroundTheNearPoint() {
        create(body("far", "place", place(51.52, 0)));
        create(body("nowhere"));
        create(body("near", "place", place(51.501, 0, "radius_m", 50)));
        create(body("middle", "place", place(51.505, 0)));
    }

    @Test
    void placeIsStoredWithItsDefaultsAndComesBackExactly() {
        JsonNode todo =
                create(body("pump", "place", place(51.123456, -0.5, "label", " north well ")));

        JsonNode place = todo.get("place");
        assertThat(place.get("lat").decimalValue()).isEqualByComparingTo("51.123456");
        assertThat(place.get("lng").decimalValue()).isEqualByComparingTo("-0.5");
        assertThat(place.get("radius_m").asInt()).isEqualTo(Place.DEFAULT_RADIUS_M);
        assertThat(place.get("label").asString()).isEqualTo("north well");
        JsonNode read =
                api().get(COLLECTION + "/" + todo.get("id").asString(), alice.token()).json();
        assertThat(read.get("place")).isEqualTo(place);
        assertThat(create(body("no place")).get("place").isNull()).isTrue();
    }

    @Test
    void badPlaceIsRefusedNamingTheMember() {
        assertProblem(
                api().post(COLLECTION, alice.token(), body("x", "place", place(91, 0))),
                400,
                "place.lat");
        assertProblem(
                api().post(COLLECTION, alice.token(), body("x", "place", place(1, 0.1234567))),
                400,
                "place.lng");
        assertProblem(
                api().post(
                                COLLECTION,
                                alice.token(),
                                body("x", "place", place(1, 1, "radius_m", 9))),
                400,
                "place.radius_m");
        assertProblem(
                api().post(
                                COLLECTION,
                                alice.token(),
                                body("x", "place", place(1, 1, "radius_m", 5001))),
                400,
                "place.radius_m");
        assertProblem(
                api().post(COLLECTION, alice.token(), body("x", "place", Map.of("lat", 1))),
                400,
                "place.lng");
        assertProblem(
                api().post(
                                COLLECTION,
                                alice.token(),
                                body("x", "place", place(1, 1, "label", "x".repeat(201)))),
                400,
                "place.label");
    }

    @Test
    void mergePatchChangesPlaceMembersAndNullRemovesIt() {
        JsonNode todo = create(body("fence", "place", place(10, 20, "label", "gate")));
        String path = COLLECTION + "/" + todo.get("id").asString();

        Response radius =
                api().patch(path, alice.token(), Map.of("place", Map.of("radius_m", 250)));
        assertThat(radius.status()).as(radius.toString()).isEqualTo(200);
        JsonNode place = radius.json().get("place");
        assertThat(place.get("radius_m").asInt()).isEqualTo(250);
        assertThat(place.get("lat").asInt()).as("other members kept").isEqualTo(10);
        assertThat(place.get("label").asString()).isEqualTo("gate");

        Map<String, Object> noPlace = new HashMap<>();
        noPlace.put("place", null);
        Response removed = api().patch(path, alice.token(), noPlace);
        assertThat(removed.json().get("place").isNull()).as(removed.toString()).isTrue();

        assertProblem(
                api().patch(path, alice.token(), Map.of("place", Map.of("radius_m", 20))),
                400,
                "place.lat");
        assertProblem(
                api().patch(path, alice.token(), Map.of("place", Map.of("height", 1))),
                400,
                "place.height");
        Response put = api().put(path, alice.token(), body("fence", "place", place(1, 2)));
        assertThat(put.json().get("place").get("lng").asInt()).isEqualTo(2);
    }

    @Test
    void nearListSortsByDistanceWithPlacelessLastAndCarriesDistances() {
        seedAroundTheNearPoint();

        JsonNode page = list(NEAR + "&sort=distance");
        assertThat(titles(page)).containsExactly("near", "middle", "far", "nowhere");
        JsonNode items = page.get("items");
        assertThat(items.get(0).get("distance_m").asLong()).isBetween(110L, 112L);
        assertThat(items.get(1).get("distance_m").asLong()).isBetween(555L, 557L);
        assertThat(items.get(2).get("distance_m").asLong()).isBetween(2222L, 2226L);
        assertThat(items.get(3).get("distance_m").isNull()).isTrue();
        assertThat(titles(list(NEAR + "&sort=distance&order=desc")))
                .containsExactly("nowhere", "far", "middle", "near");
        assertThat(list("sort=created_at").get("items").get(0).get("distance_m").isNull())
                .as("no near, no distance")
                .isTrue();
    }

    @Test
    void withinLeavesOutFartherAndPlacelessTodos() {
        seedAroundTheNearPoint();

        assertThat(titles(list(NEAR + "&within_m=600&sort=distance")))
                .containsExactly("near", "middle");
        assertThat(titles(list(NEAR + "&within_m=100"))).isEmpty();
        assertThat(titles(list(NEAR + "&within_m=5000&sort=created_at")))
                .as("within_m with another order")
                .containsExactly("far", "near", "middle");
    }

    @Test
    void distancePagesAreStableWhileTodosAreAdded() {
        seedAroundTheNearPoint();

        List<Response> pages =
                Pages.of(api(), COLLECTION + "?" + NEAR + "&sort=distance&limit=1", alice.token());
        List<String> walked = new ArrayList<>();
        Pages.jsonItems(pages).forEach(item -> walked.add(item.get("title").asString()));
        assertThat(walked).containsExactly("near", "middle", "far", "nowhere");

        JsonNode first = list(NEAR + "&sort=distance&limit=2");
        // Nearer than the cursor: not on the later pages.
        create(body("nearest", "place", place(51.5, 0)));
        JsonNode rest =
                list(NEAR + "&sort=distance&limit=5&cursor=" + first.get("next_cursor").asString());
        assertThat(titles(rest)).containsExactly("far", "nowhere");
    }

    @Test
    void nearestFirstWalksEveryScaleFromNextDoorToTheFarSideOfTheEarth() {
        // Around the antimeridian on the equator: a thousandth of a degree is 111.2 m either way.
        List<String> expected =
                List.of(
                        "here",
                        "1.9 km",
                        "2.1 km west",
                        "30 km",
                        "500 km",
                        "9,000 km",
                        "19,000 km",
                        "nowhere");
        create(body("9,000 km", "place", place(0, 99.05)));
        create(body("nowhere"));
        create(body("2.1 km west", "place", place(0, -179.991)));
        create(body("19,000 km", "place", place(0, 9.12)));
        create(body("here", "place", place(0, 179.99)));
        create(body("500 km", "place", place(4.497, 179.99)));
        create(body("1.9 km", "place", place(0.017, 179.99)));
        create(body("30 km", "place", place(-0.27, 179.99)));
        String near = "near=0,179.99&sort=distance";

        for (int limit : List.of(1, 2, 3, 8)) {
            List<String> walked = new ArrayList<>();
            Pages.jsonItems(
                            Pages.of(
                                    api(),
                                    COLLECTION + "?" + near + "&limit=" + limit,
                                    alice.token()))
                    .forEach(item -> walked.add(item.get("title").asString()));
            assertThat(walked).as("pages of " + limit).containsExactlyElementsOf(expected);
        }
        assertThat(titles(list(near + "&within_m=600000&limit=3")))
                .containsExactly("here", "1.9 km", "2.1 km west");
        assertThat(titles(list(near + "&within_m=600000&status=pending")))
                .containsExactlyElementsOf(expected.subList(0, 5));
    }

    @Test
    void nearMeMeasuresFromTheLatestPingAndIs409WithoutOne() {
        seedAroundTheNearPoint();

        assertProblem(api().get(COLLECTION + "?near=me", alice.token()), 409, "near");

        Response ping =
                api().post(
                                "/api/v1/locations",
                                alice.token(),
                                Map.of(
                                        "lat",
                                        51.52,
                                        "lng",
                                        0,
                                        "recorded_at",
                                        "2026-03-01T08:00:00Z"));
        assertThat(ping.status()).as(ping.toString()).isIn(200, 201);
        assertThat(titles(list("near=me&sort=distance")))
                .containsExactly("far", "middle", "near", "nowhere");
    }

    @Test
    void badNearParametersAreRefusedNamingThem() {
        assertProblem(api().get(COLLECTION + "?sort=distance", alice.token()), 400, "near");
        assertProblem(api().get(COLLECTION + "?within_m=10", alice.token()), 400, "near");
        assertProblem(api().get(COLLECTION + "?near=here", alice.token()), 400, "near");
        assertProblem(api().get(COLLECTION + "?near=91,0", alice.token()), 400, "near");
        assertProblem(api().get(COLLECTION + "?near=1,2,3", alice.token()), 400, "near");
        assertProblem(
                api().get(COLLECTION + "?" + NEAR + "&within_m=0", alice.token()), 400, "within_m");
        assertProblem(
                api().get(
                                COLLECTION
                                        + "?"
                                        + NEAR
                                        + "&sort=distance&cursor="
                                        + cursorOfCreatedAtList(),
                                alice.token()),
                400,
                "cursor");
    }

    private String cursorOfCreatedAtList() {
        create(body("a"));
        create(body("b"));
        return list("limit=1").get("next_cursor").asString();
    }
}
