-- Waymark schema, PostgreSQL dialect. Keep in step with ../sqlite/V1__schema.sql and store/MongoMigrations.java.
-- Times are epoch milliseconds (UTC): one representation that both SQL dialects and MongoDB compare, index and
-- sort identically. Coordinates are integer micro-degrees, so 6 decimals survive every store exactly.

CREATE TABLE users (
    id            TEXT    NOT NULL PRIMARY KEY,
    user_name     TEXT    NOT NULL,
    user_name_key TEXT    NOT NULL,  -- lower-cased user_name: names are unique regardless of case
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('user', 'admin')),
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    version       BIGINT  NOT NULL
);
CREATE UNIQUE INDEX users_user_name_key ON users (user_name_key);
CREATE INDEX users_role ON users (role);

-- ES256 signing keys shared by every instance. The generation is the primary key, so two instances that start
-- at once and both try to create generation 1 cannot both succeed: the loser reloads and uses the winner's key.
CREATE TABLE signing_keys (
    generation  INTEGER NOT NULL PRIMARY KEY,
    kid         TEXT    NOT NULL UNIQUE,
    private_jwk TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);

CREATE TABLE todos (
    id          TEXT    NOT NULL PRIMARY KEY,
    owner_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title       TEXT    NOT NULL,
    description TEXT,
    deadline    BIGINT,
    status      TEXT    NOT NULL CHECK (status IN ('pending', 'in_progress', 'completed')),
    priority    INTEGER NOT NULL,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL,
    version     BIGINT  NOT NULL,
    -- Lower-cased title + U+001F + description, made in Java: SQLite's LOWER() folds ASCII only, so searching a
    -- column folded once by the service is what makes `q` match the same rows on SQLite, PostgreSQL and MongoDB.
    search_text TEXT    NOT NULL
);
-- Keyset pagination per owner for each sort order; id breaks ties so pages are stable.
CREATE INDEX todos_owner_created ON todos (owner_id, created_at, id);
-- A to-do without a deadline sorts as if due at the end of time (the store queries use the same expression).
CREATE INDEX todos_owner_deadline ON todos (owner_id, (COALESCE(deadline, 9223372036854775807)), id);
CREATE INDEX todos_owner_priority ON todos (owner_id, priority, id);
CREATE INDEX todos_created ON todos (created_at, id);

CREATE TABLE locations (
    id          TEXT    NOT NULL PRIMARY KEY,
    user_id     TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    lat_e6      INTEGER NOT NULL CHECK (lat_e6 BETWEEN -90000000 AND 90000000),
    lng_e6      INTEGER NOT NULL CHECK (lng_e6 BETWEEN -180000000 AND 180000000),
    accuracy_m  DOUBLE PRECISION,
    recorded_at BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL
);
-- Serves both the track (newest first, paginated) and "latest per user" as one index seek per user.
CREATE INDEX locations_user_recorded ON locations (user_id, recorded_at DESC, id DESC);

-- Idempotency-Key records, per user. The first request inserts the row (response_status NULL while it runs);
-- a retry with the same key replays the stored answer, a different body is refused.
CREATE TABLE idempotency_keys (
    owner_id        TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    idem_key        TEXT    NOT NULL,
    request_hash    TEXT    NOT NULL,
    response_status INTEGER,
    response_body   TEXT,
    response_headers TEXT,              -- JSON object: the Location and ETag to replay
    created_at      BIGINT  NOT NULL,
    PRIMARY KEY (owner_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
