-- The journal of live occupancy (docs/DECISIONS.md, "Live state survives losing Redis"): every
-- change a node made to a lot's live state in Redis, keyed by the lot's version that change
-- produced, so that a Redis that lost its data is rebuilt by replaying each lot's changes in the
-- order Redis applied them, through the same script, with the same platform clock.
CREATE TABLE live_journal (
    lot_id      text        NOT NULL,
    version     bigint      NOT NULL,
    applied_at  timestamptz NOT NULL,
    entry       jsonb       NOT NULL,
    PRIMARY KEY (lot_id, version)
);
