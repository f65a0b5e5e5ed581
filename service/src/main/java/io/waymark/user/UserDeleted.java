package io.waymark.user;

/**
 * Published after a user is deleted, so features that keep data per user (to-dos, locations) remove
 * it. SQL stores also cascade through foreign keys; MongoDB has none, so its stores rely on this
 * event.
 */
public record UserDeleted(String userId) {}
