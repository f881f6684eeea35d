-- The live journal's epoch (docs/DECISIONS.md, "Live state survives losing Redis"): one row, moved
-- on by every restore in the transaction that reads live_journal, and read FOR SHARE by every
-- journal append, which keeps its changes only if the epoch is still the one its node found in
-- Redis before making them. A row that commits after a restore read the journal is so refused
-- (503) instead of acknowledged and missed by the replay.
CREATE TABLE live_epoch (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    epoch      bigint  NOT NULL
);
INSERT INTO live_epoch (epoch) VALUES (0);
