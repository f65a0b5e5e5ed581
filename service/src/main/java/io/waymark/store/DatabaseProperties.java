package io.waymark.store;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code DATABASE_URL}, {@code DATABASE_USER} and {@code DATABASE_PASSWORD}. User and password,
 * when set, win over credentials in the URL: that is how AWS Secrets Manager injects them into the
 * task.
 */
@ConfigurationProperties("database")
public record DatabaseProperties(String url, String user, String password) {

    public boolean hasCredentials() {
        return user != null && !user.isBlank();
    }
}
