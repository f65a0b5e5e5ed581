package io.waymark.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.shared.IdGenerator;
import io.waymark.store.PageRequest;
import io.waymark.testing.OnEveryStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link DeviceStore} must do, run against SQLite, PostgreSQL and MongoDB. */
class DeviceStoreContractTest extends OnEveryStore {

    private DeviceStore devices() {
        return bean(DeviceStore.class);
    }

    private Device device(String userId, String keyHash, Instant createdAt) {
        return new Device(bean(IdGenerator.class).newId(), userId, "phone", keyHash, createdAt);
    }

    private static String hash() {
        return UUID.randomUUID().toString().replace("-", "").repeat(2);
    }

    @Test
    void aDeviceIsFoundByIdAndByItsKeyHashUntilDeleted() {
        String user = accounts().user().id();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Device device = device(user, hash(), now);

        devices().insert(device);

        assertThat(devices().findById(device.id())).contains(device);
        assertThat(devices().findByKeyHash(device.keyHash())).contains(device);
        assertThat(devices().findByIds(List.of(device.id(), "no-such-device")))
                .containsExactly(device);
        assertThat(devices().delete(device.id())).isTrue();
        assertThat(devices().delete(device.id())).isFalse();
        assertThat(devices().findByKeyHash(device.keyHash())).isEmpty();
    }

    @Test
    void twoDevicesCannotShareAKeyHash() {
        String user = accounts().user().id();
        String shared = hash();
        devices().insert(device(user, shared, Instant.now()));

        assertThatThrownBy(() -> devices().insert(device(user, shared, Instant.now())))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void aListIsOneUsersOrEveryonesOldestFirstInPages() {
        String alice = accounts().user().id();
        String bob = accounts().user().id();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Device first = device(alice, hash(), t0);
        Device second = device(alice, hash(), t0);
        Device third = device(alice, hash(), t0.plusMillis(1));
        Device bobs = device(bob, hash(), t0);
        for (Device d : List.of(third, bobs, second, first)) {
            devices().insert(d);
        }

        var page = devices().list(alice, PageRequest.of(2, null));
        var rest = devices().list(alice, PageRequest.of(2, page.nextCursor()));
        var everyone = devices().list(null, PageRequest.of(200, null)).items();

        assertThat(page.items()).containsExactly(first, second);
        assertThat(rest.items()).containsExactly(third);
        assertThat(rest.nextCursor()).isNull();
        assertThat(everyone).contains(first, second, third, bobs);
    }
}
