package io.waymark.user;

import io.waymark.shared.Caller;
import io.waymark.shared.NotFoundException;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Reading users: one by id (self or admin), the list, and the look-ups sign-in and token checks
 * need. Creating them is {@link Registration} and {@link AdminAccounts}; changing them is {@link
 * AccountChanges}.
 */
@Service
public class UserService {

    private final UserStore store;

    UserService(UserStore store) {
        this.store = store;
    }

    /**
     * The user a device belongs to, as the caller its requests act for: a device key proves the
     * device, and the device names its user.
     */
    public Optional<Caller> callerOf(String id) {
        return store.findById(id).map(user -> new Caller(user.id(), user.userName(), user.role()));
    }

    public User get(String id, Caller caller) {
        caller.requireSelfOrAdmin(id);
        return store.findById(id).orElseThrow(() -> new NotFoundException("user", id));
    }

    /**
     * Admins only, enforced once: the security chain ({@code SecurityConfiguration}) answers 403
     * with the bearer challenge before any other caller gets here; {@code
     * AuthApiTest.aValidTokenWithoutTheRoleIsForbidden} fails if that rule goes.
     */
    public Page<User> list(PageRequest page) {
        return store.list(page);
    }

    /**
     * The user signing in with this name. Every name was checked against the rule when it was set,
     * so a name outside it belongs to no one: no look-up, which PostgreSQL would refuse for a NUL
     * in the name. (Sign-in costs a bcrypt check; the regex is noise.)
     */
    public Optional<User> findByUserName(String userName) {
        boolean possible = userName != null && userName.matches(UserRequests.NAME_RULE);
        return possible ? store.findByUserName(userName) : Optional.empty();
    }

    /** The user's current token version, or empty when the user no longer exists. */
    public Optional<Long> tokenVersion(String id) {
        return store.findById(id).map(User::tokenVersion);
    }
}
