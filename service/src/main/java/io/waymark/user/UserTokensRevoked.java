package io.waymark.user;

/**
 * Published after a user's password or role changed: every access token issued to them before is
 * void. The store already holds the raised token version that says so; this tells this instance's
 * caches at once.
 */
public record UserTokensRevoked(String userId) {}
