-- The control version (docs/DECISIONS.md, "Zone control follows changes, not the clock"): one row
-- whose number every change of a manual control, schedule, trigger or operator's lot status moves
-- in its own transaction, so each node compares one number a second instead of re-reading every
-- unit, and re-reads only when it moved.
CREATE TABLE zone_control_version (
    id       boolean PRIMARY KEY DEFAULT true CHECK (id),
    version  bigint  NOT NULL
);
INSERT INTO zone_control_version (id, version) VALUES (true, 0);
