-- Arrivals at a to-do's place and departures from it, made from its owner's pings (TodoArrivals).
-- start_on_arrival: 1 moves a pending to-do to in progress on its first arrival.
ALTER TABLE todos ADD COLUMN start_on_arrival INTEGER NOT NULL DEFAULT 0;
ALTER TABLE todos ADD COLUMN last_arrived_at BIGINT;
-- One row per visit. The key makes an arrival unique: two instances replaying the same pings at once compute the
-- same arrival time, and the second write only updates the first row.
CREATE TABLE todo_visits (
    todo_id    TEXT   NOT NULL REFERENCES todos (id) ON DELETE CASCADE,
    arrived_at BIGINT NOT NULL,
    left_at    BIGINT,
    PRIMARY KEY (todo_id, arrived_at)
);
-- One row per user whose pings have been replayed: a replay writes it first, so the row's lock (PostgreSQL) or
-- the one writer (SQLite) makes two instances' replays of one user's pings take turns (JdbcVisitStore).
CREATE TABLE visit_locks (
    user_id TEXT   NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    taken   BIGINT NOT NULL
);
