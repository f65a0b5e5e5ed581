package io.waymark.auth;

import io.waymark.config.InvalidSettingException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access-token settings: {@code WAYMARK_TOKEN_TTL} (default 20m), {@code WAYMARK_ISSUER} (the
 * {@code iss} claim, default {@code waymark}) and how often the signing key is replaced.
 */
@ConfigurationProperties("waymark.token")
public record TokenProperties(Duration ttl, String issuer, Duration keyRotation) {

    public TokenProperties {
        if (ttl == null
                || ttl.compareTo(Duration.ofMinutes(1)) < 0
                || ttl.compareTo(Duration.ofHours(24)) > 0) {
            throw new InvalidSettingException(
                    "WAYMARK_TOKEN_TTL", "must be between 1m and 24h, got " + ttl);
        }
        if (issuer == null || issuer.isBlank()) {
            throw new InvalidSettingException("WAYMARK_ISSUER", "must not be empty");
        }
        // The previous key stays published for one rotation period, so it must outlive every token
        // it signed.
        if (keyRotation == null || keyRotation.compareTo(ttl.multipliedBy(2)) < 0) {
            throw new InvalidSettingException(
                    "waymark.token.key-rotation", "must be at least twice the token TTL");
        }
    }
}
