-- Migrations from V2 on are written once, in SQL that SQLite and PostgreSQL read alike (SQLite gives any type
-- name containing INT integer affinity); V1 keeps its dialect copies because a changed file would fail
-- Flyway's checksum on every existing database.
--
-- Every access token carries its user's token_version as the claim "ver"; raising it (password or role
-- change) ends every token issued before.
ALTER TABLE users ADD COLUMN token_version BIGINT NOT NULL DEFAULT 0;
