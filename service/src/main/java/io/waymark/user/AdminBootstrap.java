package io.waymark.user;

import io.waymark.shared.ConflictException;
import io.waymark.store.StoreStartup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * On {@code serve}: creates the first admin from {@code WAYMARK_ADMIN_USER} / {@code
 * WAYMARK_ADMIN_PASSWORD} when both are set and no admin exists yet. Runs on every instance; the
 * unique user name makes it safe. It runs once the beans are ready but before the web server
 * starts, so the admin exists before the first request (or, where the store waits for its lock,
 * right after the migrations, before any request gets the store).
 */
@Component
@ConditionalOnWebApplication
@EnableConfigurationProperties(AdminBootstrap.AdminProperties.class)
class AdminBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AdminAccounts admins;
    private final AdminProperties admin;
    private final StoreStartup startup;

    AdminBootstrap(AdminAccounts admins, AdminProperties admin, StoreStartup startup) {
        this.admins = admins;
        this.admin = admin;
        this.startup = startup;
    }

    @Override
    public void afterSingletonsInstantiated() {
        startup.whenReady(this::bootstrap);
    }

    private void bootstrap() {
        if (admin.user() == null
                || admin.user().isBlank()
                || admin.password() == null
                || admin.password().isEmpty()) {
            return;
        }
        try {
            if (admins.createFirstAdmin(admin.user(), admin.password())) {
                log.info("Created the first admin '{}'", admin.user());
            }
        } catch (ConflictException e) {
            log.info("Admin '{}' was created by another instance", admin.user());
        }
    }

    /** {@code WAYMARK_ADMIN_USER} and {@code WAYMARK_ADMIN_PASSWORD}. */
    @ConfigurationProperties("waymark.admin")
    record AdminProperties(String user, String password) {}
}
