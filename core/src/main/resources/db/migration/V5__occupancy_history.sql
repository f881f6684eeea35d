-- Occupancy history (issue 11): one sample per lot per recording step, plus imported archives,
-- and every change of a lot's capacity or status. See docs/DECISIONS.md, "Occupancy history".
SET search_path TO ${flyway:defaultSchema}, public;

-- Range-partitioned by month of `at` (UTC). The partitions are created ahead by the store itself
-- (PostgresOccupancyHistoryStore: the month of every write and the next one), so no migration is
-- needed as time passes; retention drops whole months and deletes only in the oldest one left.
-- The primary key (lot_id, at) is what makes every node's write of a step land once: the nodes
-- all INSERT ... ON CONFLICT DO NOTHING and the first wins. It is also the index of the one-lot
-- range query. Fixed-width columns first, so that a row packs without padding.
CREATE TABLE occupancy_samples (
    at timestamptz NOT NULL,
    occupied integer NOT NULL CHECK (occupied >= 0),
    held integer NOT NULL CHECK (held >= 0),
    capacity integer NOT NULL CHECK (capacity >= 0),
    -- 0 OPEN, 1 FULL, 2 CLOSED (city.parkgrid.occupancy.LotStatus in order); NULL when imported
    status smallint CHECK (status BETWEEN 0 AND 2),
    imported boolean NOT NULL,
    lot_id text NOT NULL,
    PRIMARY KEY (lot_id, at),
    CHECK (imported OR status IS NOT NULL)
) PARTITION BY RANGE (at);

-- The lot's first recorded state and every later one whose capacity or status differs, at step
-- resolution. Small next to the samples, so one table; BRIN on `at` serves the retention purge.
CREATE TABLE lot_changes (
    lot_id text NOT NULL,
    at timestamptz NOT NULL,
    capacity integer NOT NULL CHECK (capacity >= 0),
    status smallint NOT NULL CHECK (status BETWEEN 0 AND 2),
    previous_capacity integer,
    previous_status smallint,
    PRIMARY KEY (lot_id, at)
);
CREATE INDEX lot_changes_at_brin ON lot_changes USING brin (at);
