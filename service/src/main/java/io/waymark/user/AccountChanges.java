package io.waymark.user;

import io.waymark.shared.Caller;
import io.waymark.shared.ConditionalWrite;
import io.waymark.shared.ETags;
import io.waymark.shared.ForbiddenException;
import io.waymark.shared.InvalidRequestException;
import io.waymark.shared.NotFoundException;
import io.waymark.shared.Role;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Changing an account (name, password, role), deleting it, and signing it out everywhere, under the
 * self-or-admin rules: a caller acting on their own account proves they know its password, and only
 * an admin changes roles. A change that ends the user's tokens says so ({@link UserTokensRevoked}),
 * as a deletion does ({@link UserDeleted}).
 */
@Service
public class AccountChanges {

    private final UserStore store;
    private final Passwords passwords;
    private final Registration registration;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccountChanges(
            UserStore store,
            Passwords passwords,
            Registration registration,
            ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.passwords = passwords;
        this.registration = registration;
        this.events = events;
        this.clock = clock;
    }

    /** A PUT either replaced a user or created one. */
    public record Upserted(User user, boolean created) {}

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
                        return Optional.of(
                                new Upserted(
                                        registration.createUnderId(
                                                id, request, caller, expectedVersion),
                                        true));
                    }
                    User user = current.get();
                    ETags.check(expectedVersion, user.version());
                    return change(user, request.asPatch(), caller, client)
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
                    return change(user, request, caller, client);
                });
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
                    return save(user.get(), user.get().signedOut(clock.instant())).map(User::id);
                });
    }

    /**
     * PUT and PATCH alike: the name and the role kept when none is given (PUT always gives a name),
     * the role checked, the current password checked when callers rename themselves or change their
     * own password, the new password hashed, and the change saved.
     */
    private Optional<User> change(
            User user, UserRequests.Patch request, Caller caller, String client) {
        String name = request.userName() == null ? user.userName() : request.userName();
        String currentPassword = request.currentPassword();
        if (request.password() != null) {
            requireCurrentPassword(
                    user, currentPassword, caller, client, "change your own password");
        } else if (!name.equals(user.userName())) {
            // The name signs in: a stolen token that renames the account locks its owner out.
            requireCurrentPassword(user, currentPassword, caller, client, "rename your account");
        }
        String hash =
                request.password() == null
                        ? user.passwordHash()
                        : passwords.hash(request.password());
        Role role = request.role() == null ? user.role() : request.role();
        return save(
                user, user.changed(name, hash, checkedRole(user, role, caller), clock.instant()));
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
        if (!passwords.check(user.userName(), client, currentPassword, user.passwordHash())) {
            throw InvalidRequestException.field("current_password", "is not your current password");
        }
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
}
