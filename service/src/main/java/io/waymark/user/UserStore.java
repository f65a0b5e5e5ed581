package io.waymark.user;

import io.waymark.shared.ConflictException;
import io.waymark.shared.Role;
import io.waymark.store.Keyset;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import java.util.Optional;

/**
 * Where users live. One implementation per store family ({@link JdbcUserStore}, {@link
 * MongoUserStore}); the behaviour every implementation must have is specified by {@code
 * UserStoreContractTest}.
 */
public interface UserStore {

    /** The list's pages: users in id order, which is creation order. */
    Keyset<User> IN_ID_ORDER = Keyset.byId(User::id);

    /** Adds a user; throws {@link ConflictException} when the id or user name is taken. */
    void insert(User user);

    Optional<User> findById(String id);

    /** Finds by user name, ignoring case. */
    Optional<User> findByUserName(String userName);

    /** Users in id order, which is creation order. */
    Page<User> list(PageRequest page);

    /**
     * Replaces a user if it is still at {@code expectedVersion}; returns false when it changed or
     * vanished meanwhile. Throws {@link ConflictException} when the new user name is taken.
     */
    boolean update(User user, long expectedVersion);

    /** Deletes a user if it is still at {@code expectedVersion}; returns false otherwise. */
    boolean delete(String id, long expectedVersion);

    boolean anyWithRole(Role role);
}
