-- Checkpoints of live occupancy (docs/DECISIONS.md, "Live state survives losing Redis"): the
-- latest per lot, every key the lot keeps in Redis at one of its versions, after which live_journal
-- keeps only the lot's later changes; a restore puts the checkpoint back and replays those.
CREATE TABLE live_checkpoint (
    lot_id    text        PRIMARY KEY,
    version   bigint      NOT NULL,
    taken_at  timestamptz NOT NULL,
    state     text        NOT NULL
);
