-- The traffic bureau's control of parking units: manual controls, schedules, triggers, the
-- operators' lot statuses it may overrule, the history of modes in force (it prices the MANAGED
-- surcharge) and an append-only audit log. Policies are JSON documents (ZonePolicy).
SET search_path TO ${flyway:defaultSchema}, public;

CREATE TABLE zone_controls (
    zone_id text PRIMARY KEY,
    mode    text NOT NULL CHECK (mode IN ('NORMAL', 'MANAGED', 'EMERGENCY')),
    policy  jsonb NOT NULL,
    since   timestamptz NOT NULL,
    until   timestamptz,
    set_by  text NOT NULL,
    reason  text NOT NULL
);

CREATE TABLE zone_schedules (
    id      text PRIMARY KEY,
    zone_id text NOT NULL,
    mode    text NOT NULL CHECK (mode IN ('MANAGED', 'EMERGENCY')),
    policy  jsonb NOT NULL,
    days    text[] NOT NULL,
    from_time time NOT NULL,
    to_time   time NOT NULL CHECK (from_time < to_time),
    set_by  text NOT NULL
);
CREATE INDEX zone_schedules_zone_idx ON zone_schedules (zone_id);

CREATE TABLE zone_triggers (
    zone_id         text PRIMARY KEY,
    occupancy_above double precision NOT NULL CHECK (occupancy_above > 0 AND occupancy_above <= 1),
    for_minutes     integer NOT NULL CHECK (for_minutes > 0),
    mode            text NOT NULL CHECK (mode IN ('MANAGED', 'EMERGENCY')),
    policy          jsonb NOT NULL,
    set_by          text NOT NULL,
    breach_since    timestamptz,
    active_since    timestamptz
);

CREATE TABLE lot_operator_status (
    lot_id text PRIMARY KEY,
    closed boolean NOT NULL
);

CREATE TABLE zone_mode_history (
    id        bigserial PRIMARY KEY,
    zone_id   text NOT NULL,
    mode      text NOT NULL,
    surcharge_fen_per_hour bigint NOT NULL,
    at        timestamptz NOT NULL
);
CREATE INDEX zone_mode_history_zone_idx ON zone_mode_history (zone_id, id);

-- Never edited: no UPDATE or DELETE is ever issued against it.
CREATE TABLE zone_audit (
    id      bigserial PRIMARY KEY,
    zone_id text NOT NULL,
    at      timestamptz NOT NULL,
    actor   text NOT NULL,
    action  text NOT NULL,
    detail  text NOT NULL
);
CREATE INDEX zone_audit_zone_idx ON zone_audit (zone_id, id DESC);
