package io.waymark.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.waymark.contract.TokenClaims;
import io.waymark.shared.Caller;
import io.waymark.shared.Revocation;
import io.waymark.shared.Role;
import io.waymark.shared.Sha256;
import io.waymark.store.StoreOutage;
import io.waymark.user.UserDeleted;
import io.waymark.user.UserTokensRevoked;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.EventListener;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Access tokens, verified once and then checked against revocation on every request.
 *
 * <p>Verifying an ES256 signature was about 70 % of the CPU of an authenticated request, so a token
 * that passed is remembered, keyed by the SHA-256 of its exact text (a changed byte is another key,
 * hence a full verification), until its {@code exp} and never longer. At most {@value #MAX_TOKENS}
 * tokens are remembered, about 300 bytes each: under 3 MB.
 *
 * <p>Revocation: a token carries its user's token version as {@code ver}; the store raises the
 * version when the password or role changes or the user signs out, and removes it with the user; a
 * token is valid only while its version is the user's current one. The current version of each user
 * is remembered for at most {@link #VERSION_CHECK} — the bound within which a change made on
 * another instance takes effect here — and forgotten at once when this instance made the change
 * ({@link #revoke}).
 *
 * <p>Both caches count hits and misses (Caffeine's striped counters, a few nanoseconds a lookup),
 * published as {@code
 * cache_gets_total{cache="verified-tokens"|"token-versions",result="hit"|"miss"}}.
 */
class VerifiedTokens implements MeterBinder {

    static final int MAX_TOKENS = 10_000;

    /** About 100 bytes per user: under 5 MB. */
    static final int MAX_USERS = 50_000;

    static final Duration VERSION_CHECK = Revocation.BOUND;

    private final JwtDecoder decoder;
    private final TokenVersions users;
    private final Clock clock;
    private final Cache<TokenDigest, VerifiedToken> tokens;

    /** User id to current token version; empty when the user does not exist (any more). */
    private final Cache<String, Optional<Long>> versions;

    VerifiedTokens(JwtDecoder decoder, TokenVersions users, Clock clock) {
        this.decoder = decoder;
        this.users = users;
        this.clock = clock;
        // Both caches tell time by the one clock, so an entry's age and a token's expiry are
        // measured alike.
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.tokens =
                Caffeine.newBuilder()
                        .ticker(ticker)
                        .maximumSize(MAX_TOKENS)
                        .recordStats()
                        .expireAfter(
                                Expiry.<TokenDigest, VerifiedToken>creating(
                                        (digest, token) ->
                                                max(
                                                        Duration.ZERO,
                                                        Duration.between(
                                                                clock.instant(),
                                                                token.expiresAt()))))
                        .build();
        this.versions =
                Caffeine.newBuilder()
                        .ticker(ticker)
                        .maximumSize(MAX_USERS)
                        .expireAfterWrite(VERSION_CHECK)
                        .recordStats()
                        .build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, tokens, "verified-tokens");
        CaffeineCacheMetrics.monitor(registry, versions, "token-versions");
    }

    /**
     * The caller a bearer token proves, or {@link InvalidBearerTokenException} when it is invalid,
     * expired or revoked; {@link StoreUnavailableAuthenticationException} when the store cannot
     * tell.
     */
    Caller callerOf(String token) {
        VerifiedToken verified = verified(token);
        long current = currentVersion(verified.caller().id(), verified.tokenVersion());
        if (current < 0) {
            throw new InvalidBearerTokenException("The user of this token no longer exists");
        }
        // Not only an older version: a newer one than the user's belongs to an earlier user of this
        // id.
        if (verified.tokenVersion() != current) {
            throw new InvalidBearerTokenException(
                    "This token was revoked: its user signed out, or the password or role changed since");
        }
        return verified.caller();
    }

    /**
     * Ends this user's tokens here at once (other instances follow within {@link #VERSION_CHECK}).
     */
    void revoke(String userId) {
        versions.invalidate(userId);
        tokens.asMap().values().removeIf(token -> userId.equals(token.caller().id()));
    }

    @EventListener
    void on(UserTokensRevoked event) {
        revoke(event.userId());
    }

    @EventListener
    void on(UserDeleted event) {
        revoke(event.userId());
    }

    private VerifiedToken verified(String token) {
        TokenDigest digest = TokenDigest.of(token);
        VerifiedToken cached = tokens.getIfPresent(digest);
        if (cached != null && cached.expiresAt().isAfter(clock.instant())) {
            return cached;
        }
        if (!CanonicalSignature.isCanonical(token)) {
            // Before the costly check: another spelling of a valid signature is refused for the
            // price of a decode, and never becomes a second cache entry.
            throw new InvalidBearerTokenException("The token's signature is not canonical");
        }
        VerifiedToken verified;
        try {
            verified = VerifiedToken.of(decoder.decode(token));
        } catch (JwtException e) {
            if (StoreOutage.causedBy(e)) {
                throw new StoreUnavailableAuthenticationException(e);
            }
            // The description goes to the client in WWW-Authenticate: the library's own text
            // ("Signed JWT rejected", "Jwt expired at …") says which check failed and how.
            throw new InvalidBearerTokenException("The access token is invalid or has expired", e);
        }
        if (!verified.expiresAt().isAfter(clock.instant())) {
            // RFC 7519: valid only before exp. Spring's validator still takes a token at the exact
            // second.
            throw new InvalidBearerTokenException("The token has expired");
        }
        tokens.put(digest, verified);
        return verified;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * The user's version, -1 for no such user; reloaded when the token is newer than what is
     * remembered.
     */
    private long currentVersion(String userId, long tokenVersion) {
        try {
            Optional<Long> current = versions.get(userId, users::current);
            if (current.isPresent() && current.get() < tokenVersion) {
                current = users.current(userId);
                versions.put(userId, current);
            }
            return current.orElse(-1L);
        } catch (RuntimeException e) {
            if (StoreOutage.causedBy(e)) {
                throw new StoreUnavailableAuthenticationException(e);
            }
            throw e;
        }
    }

    /** Where a user's current token version comes from: the user store (empty for no such user). */
    @FunctionalInterface
    interface TokenVersions {
        Optional<Long> current(String userId);
    }

    /** How many tokens are remembered now (after pending evictions). */
    long size() {
        tokens.cleanUp();
        return tokens.estimatedSize();
    }

    /**
     * What a verified token proves, and until when. Only a token with every claim a caller needs
     * becomes one, so nothing incomplete is ever cached: a cached caller without an id once made
     * every later revocation fail.
     */
    record VerifiedToken(Caller caller, long tokenVersion, Instant expiresAt) {

        static VerifiedToken of(Jwt jwt) {
            String subject = jwt.getSubject();
            if (subject == null || subject.isBlank()) {
                throw new InvalidBearerTokenException("The token names no user");
            }
            Role role;
            try {
                role = Role.fromWireName(String.valueOf(jwt.getClaimAsString(TokenClaims.ROLE)));
            } catch (IllegalArgumentException e) {
                throw new InvalidBearerTokenException("The token names no known role");
            }
            // The parser reads a JSON integer as a Long; a string, a fraction or nothing is no
            // version to compare.
            if (!(jwt.getClaim(TokenClaims.VERSION) instanceof Long tokenVersion)
                    || tokenVersion < 0) {
                throw new InvalidBearerTokenException("The token carries no valid version");
            }
            return new VerifiedToken(
                    new Caller(subject, jwt.getClaimAsString(TokenClaims.NAME), role),
                    tokenVersion,
                    jwt.getExpiresAt());
        }
    }

    /** SHA-256 of a token: a fixed-size key, so the cache holds no token text. */
    record TokenDigest(byte[] sha256) {

        static TokenDigest of(String token) {
            return new TokenDigest(Sha256.of(token));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TokenDigest digest
                    && MessageDigest.isEqual(sha256, digest.sha256);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(sha256);
        }

        @Override
        public String toString() {
            return HexFormat.of().formatHex(sha256);
        }
    }
}
