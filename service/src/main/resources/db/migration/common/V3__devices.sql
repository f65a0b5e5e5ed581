-- Phones that post their position through the ingest endpoints (OwnTracks, OsmAnd/Traccar Client, Overland,
-- GPSLogger), each with its own key. Only the key's SHA-256 is kept: the key is 128 random bits, so the hash
-- cannot be reversed by guessing, and a unique index on it finds the device in one seek per ingest request.
-- Keep in step with store/MongoMigrations.java.
CREATE TABLE devices (
    id         TEXT   NOT NULL PRIMARY KEY,
    user_id    TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT   NOT NULL,
    key_hash   TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX devices_key_hash ON devices (key_hash);
CREATE INDEX devices_user_created ON devices (user_id, created_at, id);
CREATE INDEX devices_created ON devices (created_at, id);

-- What a phone reports besides the fix, in one unit each whatever the protocol sent. device_id has no foreign key:
-- a track keeps naming the phone that made it after the phone is removed.
ALTER TABLE locations ADD COLUMN device_id TEXT;
ALTER TABLE locations ADD COLUMN battery_pct DOUBLE PRECISION;
ALTER TABLE locations ADD COLUMN speed_mps DOUBLE PRECISION;
ALTER TABLE locations ADD COLUMN heading_deg DOUBLE PRECISION;
ALTER TABLE locations ADD COLUMN altitude_m DOUBLE PRECISION;
-- Phones resend their offline buffer when an answer is lost: one fix per device and instant, so a resend stores
-- nothing (INSERT ... ON CONFLICT DO NOTHING). Pings without a device (NULL) are never equal here.
CREATE UNIQUE INDEX locations_device_recorded ON locations (device_id, recorded_at);
