package io.waymark.device;

import java.time.Instant;

/**
 * A phone that posts its position through the ingest endpoints with its own key.
 *
 * @param keyHash hex SHA-256 of the key; the key itself is shown once and never stored
 */
public record Device(String id, String userId, String name, String keyHash, Instant createdAt) {}
