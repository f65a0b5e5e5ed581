package io.waymark.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Accounts.Account;
import io.waymark.testing.Api;
import io.waymark.testing.Devices;
import io.waymark.testing.OnEveryStore;
import io.waymark.testing.OpenApiDocument;
import io.waymark.testing.RunningService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.JsonNode;

/**
 * Devices over HTTP on every store: keys shown once, ownership, revocation, and what a key opens.
 * The cross-instance test, which mostly waits for the revocation bound to pass, runs at the same
 * time as the others (each has users of its own).
 */
class DeviceApiTest extends OnEveryStore {

    /** The smallest ingest request a key alone authenticates: the OsmAnd query (no body). */
    private static Api.Response osmAnd(Api api, String key) {
        return api.get("/api/v1/ingest/osmand?id=" + key + "&lat=52.5&lon=13.4", null);
    }

    private Devices devices() {
        return new Devices(api());
    }

    private List<String> listedIds(Account reader) {
        Api.Response list = api().get("/api/v1/devices?limit=200", reader.token());
        assertThat(list.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    @Test
    void aNewDeviceShowsItsKeyOnceAndTheStoreKeepsOnlyItsHash() {
        Account alice = accounts().user();

        Api.Response created =
                api().post("/api/v1/devices", alice.token(), Map.of("name", "  Alice's Pixel "));

        assertThat(created.status()).isEqualTo(201);
        JsonNode device = created.json();
        String key = device.get("key").asString();
        assertThat(device.get("name").asString()).isEqualTo("Alice's Pixel");
        assertThat(device.get("user_id").asString()).isEqualTo(alice.id());
        assertThat(device.get("created_at").asString()).isNotBlank();
        assertThat(Base64.getUrlDecoder().decode(key)).hasSizeGreaterThanOrEqualTo(16);
        assertThat(created.header("Location"))
                .isEqualTo("/api/v1/devices/" + device.get("id").asString());
        Api.Response list = api().get("/api/v1/devices", alice.token());
        assertThat(list.body()).contains(device.get("id").asString()).doesNotContain(key);
        Device stored = bean(DeviceStore.class).findById(device.get("id").asString()).orElseThrow();
        assertThat(stored.keyHash()).doesNotContain(key).hasSize(64);
        assertThat(osmAnd(api(), key).status()).isEqualTo(200);
    }

    @Test
    void aUserSeesOnlyTheirOwnDevicesAndAnAdminSeesEveryonesWithTheirOwner() {
        Account alice = accounts().user();
        Account bob = accounts().user();
        Account admin = accounts().admin();
        Devices.Device alices = devices().of(alice);
        Devices.Device bobs = devices().of(bob);

        assertThat(listedIds(alice)).contains(alices.id()).doesNotContain(bobs.id());
        assertThat(listedIds(bob)).contains(bobs.id()).doesNotContain(alices.id());
        assertThat(listedIds(admin)).contains(alices.id(), bobs.id());
    }

    @Test
    void aListIsPaginatedOldestFirst() {
        Account alice = accounts().user();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(devices().of(alice, "phone " + i).id());
        }

        Api.Response first = api().get("/api/v1/devices?limit=2", alice.token());
        String cursor = first.json().get("next_cursor").asString();
        Api.Response second = api().get("/api/v1/devices?limit=2&cursor=" + cursor, alice.token());

        List<String> ids = new ArrayList<>();
        first.json().get("items").forEach(item -> ids.add(item.get("id").asString()));
        second.json().get("items").forEach(item -> ids.add(item.get("id").asString()));
        assertThat(ids).containsExactlyElementsOf(made);
        assertThat(second.json().get("next_cursor").isNull()).isTrue();
    }

    @Test
    void aNameIsRequiredAndLimited() {
        Account alice = accounts().user();

        Api.Response blank = api().post("/api/v1/devices", alice.token(), Map.of("name", "  "));
        Api.Response tooLong =
                api().post("/api/v1/devices", alice.token(), Map.of("name", "x".repeat(101)));
        Api.Response withKey =
                api().post(
                                "/api/v1/devices",
                                alice.token(),
                                Map.of("name", "phone", "key", "chosen-by-me"));

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("\"name\"");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(withKey.status()).as("the key is the server's to make").isEqualTo(400);
    }

    @Test
    void aDeletedDevicesKeyIsRefusedAtOnce() {
        Account alice = accounts().user();
        Devices.Device phone = devices().of(alice);
        assertThat(osmAnd(api(), phone.key()).status()).isEqualTo(200);

        Api.Response deleted = api().delete("/api/v1/devices/" + phone.id(), alice.token());

        assertThat(deleted.status()).isEqualTo(204);
        Api.Response refused = osmAnd(api(), phone.key());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(listedIds(alice)).doesNotContain(phone.id());
    }

    @Test
    void anotherUsersDeviceIsNotFoundButAnAdminMayDeleteIt() {
        Account alice = accounts().user();
        Account mallory = accounts().user();
        Account admin = accounts().admin();
        Devices.Device phone = devices().of(alice);

        assertThat(api().delete("/api/v1/devices/" + phone.id(), mallory.token()).status())
                .isEqualTo(404);
        assertThat(osmAnd(api(), phone.key()).status()).isEqualTo(200);
        assertThat(api().delete("/api/v1/devices/" + phone.id(), admin.token()).status())
                .isEqualTo(204);
        assertThat(osmAnd(api(), phone.key()).status()).isEqualTo(401);
    }

    @Test
    void deletingAUserDeletesTheirDevices() {
        Account alice = accounts().user();
        Devices.Device phone = devices().of(alice);
        assertThat(osmAnd(api(), phone.key()).status()).isEqualTo(200);

        assertThat(accounts().deleteSelf(alice).status()).isEqualTo(204);

        assertThat(osmAnd(api(), phone.key()).status()).isEqualTo(401);
        assertThat(bean(DeviceStore.class).findById(phone.id())).isEmpty();
    }

    /**
     * Every operation of the API that is not an ingest endpoint, with the device key as a bearer
     * token and as a Basic password: 401, never 2xx.
     */
    @Test
    void aDeviceKeyOpensNothingButTheIngestEndpoints() {
        Account alice = accounts().user();
        Devices.Device phone = devices().of(alice);
        String basic =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (alice.userName() + ":" + phone.key())
                                                .getBytes(StandardCharsets.UTF_8));
        List<String> checked = new ArrayList<>();
        for (OpenApiDocument.Operation operation : OpenApiDocument.fetch(api()).operations()) {
            if (!operation.secured()) {
                continue;
            }
            String path =
                    operation.path().replace("{id}", alice.id()).replace("{user_id}", alice.id());
            for (String credential : List.of("Bearer " + phone.key(), basic)) {
                Api.Call call =
                        api().call(operation.method(), path).header("Authorization", credential);
                if (operation.hasBody()) {
                    call.json("{}");
                }
                Api.Response answer = call.send();
                assertThat(answer.status()).as(operation + " with " + credential).isEqualTo(401);
                assertThat(answer.contentType()).isEqualTo("application/problem+json");
            }
            checked.add(operation.toString());
        }
        assertThat(checked)
                .contains("GET /api/v1/devices", "POST /api/v1/locations", "GET /api/v1/auth/me");
    }

    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void anotherInstanceRefusesADeletedKeyWithinTheRevocationBound() throws Exception {
        Map<String, String> database = store.newDatabase();
        RunningService a = RunningService.start(database, Map.of());
        RunningService b = RunningService.start(database, Map.of());
        try {
            Account alice = new Accounts(a).user();
            Devices.Device phone = new Devices(a.api()).of(alice);
            assertThat(osmAnd(b.api(), phone.key()).status()).isEqualTo(200);

            assertThat(a.api().delete("/api/v1/devices/" + phone.id(), alice.token()).status())
                    .isEqualTo(204);

            assertThat(osmAnd(a.api(), phone.key()).status()).isEqualTo(401);
            long deadline = System.nanoTime() + DeviceService.KEY_CHECK.plusSeconds(2).toNanos();
            int status;
            do {
                Thread.sleep(200);
                status = osmAnd(b.api(), phone.key()).status();
            } while (status == 200 && System.nanoTime() < deadline);
            assertThat(status).as("instance b after %s", DeviceService.KEY_CHECK).isEqualTo(401);
        } finally {
            a.stop();
            b.stop();
        }
    }
}
