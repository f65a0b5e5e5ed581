package io.waymark.device;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.waymark.shared.Caller;
import io.waymark.shared.IdGenerator;
import io.waymark.shared.NotFoundException;
import io.waymark.shared.Revocation;
import io.waymark.shared.Sha256;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import io.waymark.user.UserDeleted;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Devices and their keys.
 *
 * <p>A key is {@value #KEY_BYTES} random bytes (144 bits) from {@link SecureRandom}, written as 24
 * base64url characters: short enough to type into a phone, far too many to guess. Only its SHA-256
 * is stored. Not bcrypt as for passwords: a slow hash is what protects a low-entropy secret a
 * person chose, but against 144 random bits it adds nothing, and a phone authenticates with the key
 * on every ping, where bcrypt's ~50 ms of CPU per check would cap an instance at a few dozen pings
 * a second. A fast hash also makes the key findable by an index seek on its hash.
 *
 * <p>Revocation: a key found is remembered for at most {@link #KEY_CHECK}, the same bound within
 * which a revoked access token stops working on every instance; deleting a device forgets its key
 * here at once. A key not found is not remembered, so a new device works at once everywhere.
 */
@Service
public class DeviceService {

    static final int KEY_BYTES = 18;

    /** The revocation bound of every credential, access tokens' included. */
    static final Duration KEY_CHECK = Revocation.BOUND;

    /** About 200 bytes a device: under 10 MB. */
    private static final int MAX_REMEMBERED = 50_000;

    private final DeviceStore store;
    private final IdGenerator ids;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Device> byKeyHash;

    DeviceService(DeviceStore store, IdGenerator ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.byKeyHash =
                Caffeine.newBuilder()
                        .ticker(ticker)
                        .maximumSize(MAX_REMEMBERED)
                        .expireAfterWrite(KEY_CHECK)
                        .build();
    }

    /** A new device of the caller's, and its key, which nothing else will ever show again. */
    Created create(DeviceRequest request, Caller caller) {
        byte[] secret = new byte[KEY_BYTES];
        random.nextBytes(secret);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Device device =
                new Device(
                        ids.newId(),
                        caller.id(),
                        request.name(),
                        hash(key),
                        clock.instant().truncatedTo(ChronoUnit.MILLIS));
        store.insert(device);
        return new Created(device, key);
    }

    /** The caller's devices; an admin's list holds everyone's. */
    Page<Device> list(PageRequest page, Caller caller) {
        return store.list(caller.isAdmin() ? null : caller.id(), page);
    }

    /**
     * Removes a device and ends its key. Someone else's device is "not found" to a non-admin, so
     * ids reveal nothing.
     */
    void delete(String id, Caller caller) {
        Device device =
                store.findById(id)
                        .filter(found -> caller.mayActFor(found.userId()))
                        .orElseThrow(() -> new NotFoundException("device", id));
        store.delete(id);
        byKeyHash.invalidate(device.keyHash());
    }

    /** The names of these devices that still exist, by id: what the team's map labels them with. */
    public Map<String, String> names(Collection<String> ids) {
        Map<String, String> names = new HashMap<>();
        store.findByIds(ids).forEach(device -> names.put(device.id(), device.name()));
        return names;
    }

    /** The device this key belongs to, if any: the ingest endpoints' one credential. */
    public Optional<Device> authenticate(String key) {
        if (key == null || key.isEmpty() || key.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(key);
        Device remembered = byKeyHash.getIfPresent(hash);
        if (remembered != null) {
            return Optional.of(remembered);
        }
        Optional<Device> found = store.findByKeyHash(hash);
        found.ifPresent(device -> byKeyHash.put(hash, device));
        return found;
    }

    /** A deleted user's devices went with them (cascade, or the Mongo store's listener). */
    @EventListener
    void on(UserDeleted event) {
        byKeyHash.asMap().values().removeIf(device -> device.userId().equals(event.userId()));
    }

    private static String hash(String key) {
        return HexFormat.of().formatHex(Sha256.of(key));
    }

    /** A new device with its key in clear, for the one answer that shows it. */
    record Created(Device device, String key) {}
}
