CREATE EXTENSION IF NOT EXISTS postgis;

-- One row per ping. The key makes a redelivered batch harmless (ON CONFLICT DO NOTHING) and serves a
-- driver's history, newest first, without another index.
CREATE TABLE location_pings (
    driver_id   varchar(64)            NOT NULL,
    recorded_at timestamptz            NOT NULL,
    location    geography(Point, 4326) NOT NULL,
    stored_at   timestamptz            NOT NULL DEFAULT now(),
    PRIMARY KEY (driver_id, recorded_at)
);
