package io.waymark.user;

import io.waymark.config.WriteLimits;
import io.waymark.shared.Caller;
import io.waymark.shared.ForbiddenException;
import io.waymark.shared.IdGenerator;
import io.waymark.shared.InvalidRequestException;
import io.waymark.shared.PreconditionFailedException;
import io.waymark.shared.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.stereotype.Service;

/**
 * New users: public registration (throttled per client), and users an admin creates, by {@code
 * POST} or by {@code PUT} under a chosen id (counted against the admin's write limit).
 */
@Service
public class Registration {

    private final UserStore store;
    private final Passwords passwords;
    private final RegistrationThrottle registrations;
    private final WriteLimits limits;
    private final IdGenerator ids;
    private final Clock clock;

    Registration(
            UserStore store,
            Passwords passwords,
            RegistrationThrottle registrations,
            WriteLimits limits,
            IdGenerator ids,
            Clock clock) {
        this.store = store;
        this.passwords = passwords;
        this.registrations = registrations;
        this.limits = limits;
        this.ids = ids;
        this.clock = clock;
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

    /** A PUT to an id no user has: an admin creates the user under it. */
    User createUnderId(
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
        return create(
                id,
                request.userName(),
                request.password(),
                request.role() == null ? Role.USER : request.role());
    }

    /** An admin from {@code create-admin} or the bootstrap settings, already validated. */
    User createAdmin(String userName, String password) {
        return create(ids.newId(), userName, password, Role.ADMIN);
    }

    private User create(String id, String userName, String password, Role role) {
        Instant now = clock.instant();
        User user =
                new User(
                        id,
                        userName,
                        passwords.hash(password),
                        role,
                        now,
                        now,
                        1,
                        User.firstTokenVersion(now));
        store.insert(user);
        return user;
    }
}
