package io.waymark.location;

import io.waymark.store.Keyset;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where pings live. One implementation per store family ({@link JdbcLocationStore}, {@link
 * MongoLocationStore}); the behaviour every implementation must have is specified by {@code
 * LocationStoreContractTest}. Every read is served by the index on (user_id, recorded_at DESC, id
 * DESC).
 */
interface LocationStore {

    /** A track's pages: newest first by recorded_at, then id, the order of the index. */
    Keyset<Location> TRACK =
            Keyset.of(location -> location.recordedAt().toEpochMilli(), Location::id);

    /** Stores every location or none: a failure part way leaves nothing of this batch behind. */
    void insertAll(List<Location> locations);

    /**
     * Stores each location that is not already stored for its device and {@code recorded_at} (a
     * phone resending its buffer), skipping those that are; returns how many were stored.
     */
    int insertNew(List<Location> locations);

    /**
     * The newest location of each given user who has one (by recorded_at, then id); one index seek
     * per user.
     */
    List<Location> latest(List<String> userIds);

    /**
     * One user's locations recorded in [from, to), newest first; either bound may be {@code null}.
     */
    Page<Location> track(String userId, Instant from, Instant to, PageRequest page);

    /**
     * One user's locations recorded in [from, to), oldest first (either bound may be {@code null}),
     * each handed to {@code each} as it is read: a download of any length holds at most one batch
     * of {@link #EXPORT_BATCH} in memory, and no connection is held while {@code each} writes to a
     * slow client.
     */
    void eachOldestFirst(String userId, Instant from, Instant to, Consumer<Location> each);

    /** How many locations a download reads from the store at a time. */
    int EXPORT_BATCH = 1_000;

    /** The user's locations of these ids, in any order; ids not found are left out. */
    List<Location> byIds(String userId, List<String> ids);

    /** Removes every location of the user; returns how many there were. */
    long deleteByUser(String userId);
}
