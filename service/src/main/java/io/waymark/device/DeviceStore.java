package io.waymark.device;

import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where devices live: one implementation per store family ({@link JdbcDeviceStore}, {@link
 * MongoDeviceStore}), specified by {@code DeviceStoreContractTest}.
 */
interface DeviceStore {

    void insert(Device device);

    Optional<Device> findById(String id);

    /** The devices of these ids that exist, in any order. */
    List<Device> findByIds(Collection<String> ids);

    /** One seek on the unique index of key hashes: what every ingest request costs. */
    Optional<Device> findByKeyHash(String keyHash);

    /** Oldest first; {@code userId} {@code null} means every user's. */
    Page<Device> list(String userId, PageRequest page);

    /** Whether a device of that id was there to delete. */
    boolean delete(String id);
}
