-- ParkGrid's spatial model: the region hierarchy, parking units (zones), lots and residents.
-- SRID 4326 throughout; distances are computed on geography (the sphere), as in Java.
-- PostGIS lives in the public schema; ParkGrid's tables in the configured one.
SET search_path TO ${flyway:defaultSchema}, public;

CREATE TABLE regions (
    id        text PRIMARY KEY,
    level     text NOT NULL CHECK (level IN ('CITY', 'DISTRICT', 'SUBDISTRICT', 'COMMUNITY')),
    -- depth orders the levels for "deepest region covering a point"
    depth     smallint GENERATED ALWAYS AS (
                  CASE level WHEN 'CITY' THEN 0 WHEN 'DISTRICT' THEN 1 WHEN 'SUBDISTRICT' THEN 2 ELSE 3 END
              ) STORED,
    parent_id text REFERENCES regions (id) DEFERRABLE INITIALLY DEFERRED,
    name_zh   text NOT NULL,
    name_en   text NOT NULL,
    geom      geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    CHECK ((parent_id IS NULL) = (level = 'CITY'))
);
CREATE INDEX regions_geom_idx ON regions USING gist (geom);
CREATE INDEX regions_parent_idx ON regions (parent_id);

CREATE TABLE zones (
    id         text PRIMARY KEY,
    name_zh    text NOT NULL,
    name_en    text NOT NULL,
    geom       geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX zones_geom_idx ON zones USING gist (geom);

CREATE TABLE lots (
    id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
    operator_id text NOT NULL,
    name_zh     text NOT NULL,
    name_en     text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('MALL', 'OFFICE', 'UNIVERSITY', 'HOSPITAL', 'STADIUM',
                                               'RESIDENTIAL', 'PARK_AND_RIDE', 'ON_STREET')),
    capacity    integer NOT NULL CHECK (capacity >= 0),
    entrance    geometry(Point, 4326) NOT NULL,
    footprint   geometry(Polygon, 4326) CHECK (footprint IS NULL OR ST_IsValid(footprint)),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lots_entrance_idx ON lots USING gist (entrance);
-- KNN (<->) on the sphere, for "nearest lots" queries in metres
CREATE INDEX lots_entrance_geog_idx ON lots USING gist ((entrance::geography));
CREATE INDEX lots_operator_idx ON lots (operator_id);

-- A lot's zone is not stored: it follows from its entrance, so redrawing a unit reassigns lots at
-- once. Same rule as Java's GeoIndex: covers, and the smallest id on a shared boundary.
CREATE VIEW lot_zones AS
SELECT l.id AS lot_id,
       (SELECT z.id FROM zones z WHERE ST_Covers(z.geom, l.entrance) ORDER BY z.id COLLATE "C" LIMIT 1) AS zone_id
FROM lots l;

CREATE TABLE residents (
    id           text PRIMARY KEY,
    community_id text NOT NULL REFERENCES regions (id),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX residents_community_idx ON residents (community_id);

-- A plate belongs to at most one resident.
CREATE TABLE resident_plates (
    plate       text PRIMARY KEY,
    resident_id text NOT NULL REFERENCES residents (id) ON DELETE CASCADE
);
CREATE INDEX resident_plates_resident_idx ON resident_plates (resident_id);
