package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.Devices;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Ingest is throttled per device and per client address: past either, 429 problem+json with
 * Retry-After, which every app answers by trying later. The limits are small so reaching them is
 * quick; each test has a service of its own, since every request here comes from one address.
 */
class IngestLimitsTest {

    private static final int PER_DEVICE = 3;

    private static final RunningService service =
            RunningService.start(
                    TestStore.SQLITE.newDatabase(),
                    Map.of(
                            "waymark.limits.ingest.per-device-per-minute",
                            String.valueOf(PER_DEVICE),
                            "waymark.limits.ingest.per-address-per-minute",
                            "1000"));

    @AfterAll
    static void stop() {
        service.stop();
    }

    private static Api.Response ping(Api api, String key) {
        return api.get("/api/v1/ingest/osmand?id=" + key + "&lat=52.52&lon=13.405", null);
    }

    private static void assertThrottled(Api.Response refused) {
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
    }

    @Test
    void aDevicePastItsLimitIsToldToWaitAndAnotherIsNotSlowed() {
        Accounts.Account alice = new Accounts(service).user();
        Devices devices = new Devices(service.api());
        Devices.Device busy = devices.of(alice);
        Devices.Device quiet = devices.of(alice);
        for (int i = 0; i < PER_DEVICE; i++) {
            assertThat(ping(service.api(), busy.key()).status()).isEqualTo(200);
        }

        assertThrottled(ping(service.api(), busy.key()));
        assertThat(ping(service.api(), quiet.key()).status()).isEqualTo(200);
    }

    @Test
    void anAddressPastItsLimitIsRefusedBeforeAnyKeyIsLookedUp() {
        RunningService tight =
                RunningService.start(
                        TestStore.SQLITE.newDatabase(),
                        Map.of("waymark.limits.ingest.per-address-per-minute", "4"));
        try {
            for (int i = 0; i < 4; i++) {
                assertThat(ping(tight.api(), "guess-" + i).status()).isEqualTo(401);
            }

            assertThrottled(ping(tight.api(), "guess-5"));
        } finally {
            tight.stop();
        }
    }
}
