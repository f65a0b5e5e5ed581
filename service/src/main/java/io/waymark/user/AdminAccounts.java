package io.waymark.user;

import io.waymark.shared.InvalidRequestException;
import io.waymark.shared.Role;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Admins made outside the API: {@code create-admin}, and the first admin from {@code
 * WAYMARK_ADMIN_USER} / {@code WAYMARK_ADMIN_PASSWORD} ({@link AdminBootstrap}). The same name and
 * password rules as registration, without a caller.
 */
@Service
public class AdminAccounts {

    private final UserStore store;
    private final Registration registration;
    private final Validator validator;

    AdminAccounts(UserStore store, Registration registration, Validator validator) {
        this.store = store;
        this.registration = registration;
        this.validator = validator;
    }

    public User createAdmin(String userName, String password) {
        Set<ConstraintViolation<UserRequests.Register>> violations =
                validator.validate(new UserRequests.Register(userName, password, Role.ADMIN));
        if (!violations.isEmpty()) {
            throw InvalidRequestException.of(violations);
        }
        return registration.createAdmin(userName, password);
    }

    /** Creates the first admin unless an admin exists already; returns whether it did. */
    boolean createFirstAdmin(String userName, String password) {
        if (store.anyWithRole(Role.ADMIN)) {
            return false;
        }
        createAdmin(userName, password);
        return true;
    }
}
