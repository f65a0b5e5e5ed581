package io.waymark.infra.config;

/** The store behind {@code DATABASE_URL}: SQLite on EFS, RDS PostgreSQL or Amazon DocumentDB. */
public enum DatabaseKind {
    SQLITE,
    POSTGRES,
    MONGODB
}
