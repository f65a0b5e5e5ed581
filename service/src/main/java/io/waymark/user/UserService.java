package io.waymark.user;

import io.waymark.config.WriteLimits;
import io.waymark.shared.Caller;
import io.waymark.shared.ConditionalWrite;
import io.waymark.shared.ETags;
import io.waymark.shared.ForbiddenException;
import io.waymark.shared.IdGenerator;
import io.waymark.shared.InvalidRequestException;
import io.waymark.shared.NotFoundException;
import io.waymark.shared.PreconditionFailedException;
import io.waymark.shared.Role;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.util.function.SingletonSupplier;

/** Registration, sign-in checks and the self-or-admin rules of the user endpoints. */
@Service
public class UserService {

    private static final String DECOY_PASSWORD = "decoy-password-for-unknown-users";

    private final UserStore store;
    private final PasswordEncoder passwords;
    private final PasswordThrottle throttle;
    private final RegistrationThrottle registrations;
    private final IdGenerator ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Validator validator;
    private final WriteLimits limits;

    /**
     * Compared against when the user name is unknown, so a wrong name costs as long as a wrong
     * password.
     */
    private final Supplier<String> decoyHash;

    UserService(
            UserStore store,
            PasswordEncoder passwords,
            PasswordThrottle throttle,
            RegistrationThrottle registrations,
            IdGenerator ids,
            Clock clock,
            ApplicationEventPublisher events,
            Validator validator,
            WriteLimits limits) {
        this.limits = limits;
        this.store = store;
        this.throttle = throttle;
        this.registrations = registrations;
        this.passwords = passwords;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.validator = validator;
        this.decoyHash = SingletonSupplier.of(() -> passwords.encode(DECOY_PASSWORD));
    }

    /**
     * Registration; {@code client} is the caller's address, whose public registrations are
     * throttled.
     */
    public User register(UserRequests.Register request, Optional<Caller> caller, String client) {
        Role role = request.role() == null ? Role.USER : request.role();
        boolean byAdmin = caller.map(Caller::isAdmin).orElse(false);
        if (role == Role.ADMIN && !byAdmin) {
            throw new ForbiddenException("Only an admin may create an admin");
        }
        if (!byAdmin) {
            registrations.take(client);
        }
        caller.ifPresent(signedIn -> limits.users().take(signedIn.id(), 1));
        return create(ids.newId(), request.userName(), request.password(), role);
    }

    /**
     * For {@code create-admin} and the bootstrap admin: the same rules as registration, without a
     * caller.
     */
    public User createAdmin(String userName, String password) {
        Set<ConstraintViolation<UserRequests.Register>> violations =
                validator.validate(new UserRequests.Register(userName, password, Role.ADMIN));
        if (!violations.isEmpty()) {
            throw InvalidRequestException.of(violations);
        }
        return create(ids.newId(), userName, password, Role.ADMIN);
    }

    /** Creates the first admin unless an admin exists already; returns whether it did. */
    public boolean bootstrapAdmin(String userName, String password) {
        if (store.anyWithRole(Role.ADMIN)) {
            return false;
        }
        createAdmin(userName, password);
        return true;
    }

    /**
     * The user with these credentials, checked under {@link PasswordThrottle} for this client (429
     * when it must wait); a wrong name and a wrong password take the same time and look the same.
     */
    public Optional<User> authenticate(String userName, String password, String client) {
        // Every name was checked against the rule when it was set, so a name outside it belongs to
        // no one: no
        // look-up, which PostgreSQL would refuse for a NUL in the name. (Sign-in costs a bcrypt
        // check; the regex is noise.)
        boolean possible = userName != null && userName.matches(UserRequests.NAME_RULE);
        Optional<User> user = possible ? store.findByUserName(userName) : Optional.empty();
        String hash = user.map(User::passwordHash).orElseGet(decoyHash);
        return throttle.check(userName, client, () -> matches(password, hash))
                ? user
                : Optional.empty();
    }

    /** The user's current token version, or empty when the user no longer exists. */
    public Optional<Long> tokenVersion(String id) {
        return store.findById(id).map(User::tokenVersion);
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

    public Page<User> list(PageRequest page, Caller caller) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only an admin may list users");
        }
        return store.list(page);
    }

    /** PUT: replaces the user, or creates it under the given id (admins only). */
    public Upserted replace(
            String id,
            UserRequests.Replace request,
            Caller caller,
            OptionalLong expectedVersion,
            String client) {
        caller.requireSelfOrAdmin(id);
        return ConditionalWrite.run(
                expectedVersion,
                () -> {
                    Optional<User> current = store.findById(id);
                    if (current.isEmpty()) {
                        return Optional.of(createUnderId(id, request, caller, expectedVersion));
                    }
                    User user = current.get();
                    ETags.check(expectedVersion, user.version());
                    return change(
                                    user,
                                    request.userName(),
                                    request.password(),
                                    request.currentPassword(),
                                    request.role(),
                                    caller,
                                    client)
                            .map(changed -> new Upserted(changed, false));
                });
    }

    public User patch(
            String id,
            UserRequests.Patch request,
            Caller caller,
            OptionalLong expectedVersion,
            String client) {
        caller.requireSelfOrAdmin(id);
        return ConditionalWrite.run(
                expectedVersion,
                () -> {
                    User user =
                            store.findById(id).orElseThrow(() -> new NotFoundException("user", id));
                    ETags.check(expectedVersion, user.version());
                    return change(
                            user,
                            request.userName(),
                            request.password(),
                            request.currentPassword(),
                            request.role(),
                            caller,
                            client);
                });
    }

    /**
     * PUT and PATCH alike: the name and the role kept when none is given (PUT always gives a name),
     * the role checked, the current password checked when callers rename themselves or change their
     * own password, the new password hashed, and the change saved.
     */
    private Optional<User> change(
            User user,
            String userName,
            String password,
            String currentPassword,
            Role requestedRole,
            Caller caller,
            String client) {
        String name = userName == null ? user.userName() : userName;
        if (password != null) {
            requireCurrentPassword(
                    user, currentPassword, caller, client, "change your own password");
        } else if (!name.equals(user.userName())) {
            // The name signs in: a stolen token that renames the account locks its owner out.
            requireCurrentPassword(user, currentPassword, caller, client, "rename your account");
        }
        String hash = password == null ? user.passwordHash() : passwords.encode(password);
        Role role = requestedRole == null ? user.role() : requestedRole;
        return save(user, user.changed(name, hash, checkedRole(user, role, caller), now()));
    }

    /**
     * Deleting your own account takes the current password, as changing it does: a stolen token
     * alone must not end the account. An admin deletes another's without it.
     */
    public void delete(
            String id,
            Caller caller,
            OptionalLong expectedVersion,
            String currentPassword,
            String client) {
        caller.requireSelfOrAdmin(id);
        ConditionalWrite.run(
                expectedVersion,
                () -> {
                    User user =
                            store.findById(id).orElseThrow(() -> new NotFoundException("user", id));
                    ETags.check(expectedVersion, user.version());
                    requireCurrentPassword(
                            user, currentPassword, caller, client, "delete your own account");
                    return store.delete(id, user.version()) ? Optional.of(user) : Optional.empty();
                });
        events.publishEvent(new UserDeleted(id));
    }

    /**
     * Signing out: every token of this user ends (on this instance at once, on the others within
     * the revocation bound), as after a password change. Nothing happens when the user is gone.
     */
    public void signOut(String id) {
        ConditionalWrite.run(
                OptionalLong.empty(),
                () -> {
                    Optional<User> user = store.findById(id);
                    if (user.isEmpty()) {
                        return Optional.of(id);
                    }
                    return save(user.get(), user.get().signedOut(now())).map(User::id);
                });
    }

    /** A PUT either replaced a user or created one. */
    public record Upserted(User user, boolean created) {}

    private Upserted createUnderId(
            String id, UserRequests.Replace request, Caller caller, OptionalLong expectedVersion) {
        if (expectedVersion.isPresent()) {
            throw new PreconditionFailedException();
        }
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only an admin may create a user under a chosen id");
        }
        if (request.password() == null) {
            throw InvalidRequestException.field("password", "is required to create a user");
        }
        limits.users().take(caller.id(), 1);
        return new Upserted(
                create(
                        id,
                        request.userName(),
                        request.password(),
                        request.role() == null ? Role.USER : request.role()),
                true);
    }

    private User create(String id, String userName, String password, Role role) {
        Instant now = now();
        User user =
                new User(
                        id,
                        userName,
                        passwords.encode(password),
                        role,
                        now,
                        now,
                        1,
                        User.firstTokenVersion(now));
        store.insert(user);
        return user;
    }

    /**
     * Only an admin changes roles; a user asking for another role is refused, not silently ignored.
     */
    private static Role checkedRole(User user, Role requested, Caller caller) {
        if (requested != user.role() && !caller.isAdmin()) {
            throw new ForbiddenException("Only an admin may change a role");
        }
        return requested;
    }

    /**
     * Callers acting on their own account prove they know its password (checked under the throttle,
     * like a sign-in); an admin acting on another's does not.
     */
    private void requireCurrentPassword(
            User user, String currentPassword, Caller caller, String client, String purpose) {
        if (!caller.id().equals(user.id())) {
            return;
        }
        if (currentPassword == null) {
            throw InvalidRequestException.field("current_password", "is required to " + purpose);
        }
        if (!throttle.check(
                user.userName(), client, () -> matches(currentPassword, user.passwordHash()))) {
            throw InvalidRequestException.field("current_password", "is not your current password");
        }
    }

    /**
     * bcrypt refuses passwords over 72 bytes, which therefore match nothing; they cost the same
     * time anyway.
     */
    private boolean matches(String password, String hash) {
        boolean fits = Password.Rule.fitsTheHash(password);
        boolean matches = passwords.matches(fits ? password : DECOY_PASSWORD, hash);
        return fits && matches;
    }

    private Optional<User> save(User current, User changed) {
        if (!store.update(changed, current.version())) {
            return Optional.empty();
        }
        if (changed.tokenVersion() != current.tokenVersion()) {
            events.publishEvent(new UserTokensRevoked(changed.id()));
        }
        return Optional.of(changed);
    }

    private Instant now() {
        return clock.instant();
    }
}
