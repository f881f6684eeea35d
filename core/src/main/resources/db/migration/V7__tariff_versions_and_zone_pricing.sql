-- Versioned tariffs (issue 14): a lot's tariff is a list of versions by effective time; a stay
-- is priced piece by piece by the version in force for each part. Every tariff set before
-- versions existed becomes the lot's version in force from the start (1970-01-01T00:00Z), so
-- every stay is priced as it was.
SET search_path TO ${flyway:defaultSchema}, public;

CREATE TABLE tariff_versions (
    lot_id                    text NOT NULL REFERENCES lots (id),
    effective_from            timestamptz NOT NULL,
    free_minutes              integer NOT NULL CHECK (free_minutes >= 0),
    unit_minutes              integer NOT NULL CHECK (unit_minutes > 0),
    day_rate_fen              bigint NOT NULL CHECK (day_rate_fen >= 0),
    night_rate_fen            bigint NOT NULL CHECK (night_rate_fen >= 0),
    day_starts                time NOT NULL,
    night_starts              time NOT NULL CHECK (day_starts < night_starts),
    daily_cap_fen             bigint NOT NULL,
    resident_discount_percent integer NOT NULL CHECK (resident_discount_percent BETWEEN 0 AND 100),
    -- rates of bands of the week, [{"days": [..], "from", "to", "rateFen"}], a pricing policy's
    band_rates                text NOT NULL DEFAULT '[]',
    -- the unit whose pricing policy set the band rates (an approved review); null: the operator
    policy_zone_id            text,
    updated_at                timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (lot_id, effective_from)
);

INSERT INTO tariff_versions (lot_id, effective_from, free_minutes, unit_minutes, day_rate_fen, night_rate_fen,
        day_starts, night_starts, daily_cap_fen, resident_discount_percent, updated_at)
    SELECT lot_id, timestamptz '1970-01-01 00:00:00+00', free_minutes, unit_minutes, day_rate_fen, night_rate_fen,
        day_starts, night_starts, daily_cap_fen, resident_discount_percent, updated_at
    FROM tariffs;

DROP TABLE tariffs;

-- A parking unit's demand-responsive pricing policy, and its reviews (proposals, then approved),
-- as JSON documents (city.parkgrid.pricing.PricingJson); changes are audited in zone_audit.
CREATE TABLE zone_pricing_policies (
    zone_id    text PRIMARY KEY,
    policy     text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pricing_reviews (
    id          text PRIMARY KEY,
    zone_id     text NOT NULL,
    created_at  timestamptz NOT NULL,
    review      text NOT NULL,
    approved_at timestamptz
);
CREATE INDEX pricing_reviews_zone_idx ON pricing_reviews (zone_id, created_at DESC);
