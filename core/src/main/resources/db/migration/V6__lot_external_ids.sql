-- A lot's ids in other systems, by scheme (e.g. datex2 → NL-12_408: the id a national access
-- point's DATEX II feed references the lot by). One id per scheme and lot; an id names one lot
-- per scheme, so a feed's record can never be applied to two lots.
SET search_path TO ${flyway:defaultSchema}, public;

CREATE TABLE lot_external_ids (
    lot_id      text NOT NULL REFERENCES lots (id) ON DELETE CASCADE,
    scheme      text NOT NULL CHECK (scheme ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
    external_id text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 128),
    PRIMARY KEY (lot_id, scheme),
    CONSTRAINT lot_external_ids_scheme_id_key UNIQUE (scheme, external_id)
);
