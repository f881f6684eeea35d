-- Unified accounts, parking sessions, tariffs and the double-entry ledger. Money is integer fen.
SET search_path TO ${flyway:defaultSchema}, public;

CREATE TABLE tariffs (
    lot_id                    text PRIMARY KEY REFERENCES lots (id),
    free_minutes              integer NOT NULL CHECK (free_minutes >= 0),
    unit_minutes              integer NOT NULL CHECK (unit_minutes > 0),
    day_rate_fen              bigint NOT NULL CHECK (day_rate_fen >= 0),
    night_rate_fen            bigint NOT NULL CHECK (night_rate_fen >= 0),
    day_starts                time NOT NULL,
    night_starts              time NOT NULL CHECK (day_starts < night_starts),
    daily_cap_fen             bigint NOT NULL,
    resident_discount_percent integer NOT NULL CHECK (resident_discount_percent BETWEEN 0 AND 100),
    updated_at                timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
    id           text PRIMARY KEY,
    payment_type text NOT NULL CHECK (payment_type IN ('PREPAID', 'LINKED')),
    provider     text CHECK (provider IN ('ETC', 'ALIPAY', 'WECHAT')),
    reference    text,
    resident_id  text,
    balance_fen  bigint NOT NULL DEFAULT 0 CHECK (balance_fen >= 0),
    arrears_fen  bigint NOT NULL DEFAULT 0 CHECK (arrears_fen >= 0),
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- A plate belongs to at most one account.
CREATE TABLE account_plates (
    plate      text PRIMARY KEY,
    account_id text NOT NULL REFERENCES accounts (id)
);
CREATE INDEX account_plates_account_idx ON account_plates (account_id);

CREATE TABLE top_ups (
    account_id          text NOT NULL REFERENCES accounts (id),
    idempotency_key     text NOT NULL,
    amount_fen          bigint NOT NULL CHECK (amount_fen > 0),
    recovered_arrears_fen bigint NOT NULL,
    at                  timestamptz NOT NULL,
    PRIMARY KEY (account_id, idempotency_key)
);

CREATE TABLE parking_sessions (
    id               text PRIMARY KEY,
    account_id       text NOT NULL REFERENCES accounts (id),
    lot_id           text NOT NULL,
    operator_id      text NOT NULL,
    plate            text NOT NULL,
    entered_at       timestamptz NOT NULL,
    exited_at        timestamptz,
    fee_fen          bigint CHECK (fee_fen >= 0),
    status           text NOT NULL CHECK (status IN ('OPEN', 'SETTLED', 'ARREARS', 'PENDING')),
    entry_event_id   text NOT NULL,
    exit_event_id    text,
    payment_attempts integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz
);
-- A car has at most one open session in a lot.
CREATE UNIQUE INDEX parking_sessions_open_idx ON parking_sessions (plate, lot_id) WHERE status = 'OPEN';
CREATE INDEX parking_sessions_account_idx ON parking_sessions (account_id, entered_at DESC);
CREATE INDEX parking_sessions_pending_idx ON parking_sessions (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX parking_sessions_operator_exit_idx ON parking_sessions (operator_id, exited_at);

-- Every gate event opens or closes at most one session, once ever.
CREATE UNIQUE INDEX parking_sessions_entry_event_idx ON parking_sessions (entry_event_id);
CREATE UNIQUE INDEX parking_sessions_exit_event_idx ON parking_sessions (exit_event_id);

CREATE TABLE unmatched_exits (
    event_id   text PRIMARY KEY,
    lot_id     text NOT NULL,
    plate      text NOT NULL,
    account_id text NOT NULL,
    at         timestamptz NOT NULL
);

-- Append-only: entries are never updated or deleted.
CREATE TABLE ledger_entries (
    id             bigserial PRIMARY KEY,
    transaction_id text NOT NULL,
    ledger_account text NOT NULL,
    debit_fen      bigint NOT NULL CHECK (debit_fen >= 0),
    credit_fen     bigint NOT NULL CHECK (credit_fen >= 0),
    at             timestamptz NOT NULL,
    reference      text NOT NULL,
    CHECK ((debit_fen = 0) <> (credit_fen = 0))
);
CREATE INDEX ledger_entries_account_idx ON ledger_entries (ledger_account);

-- The simulated payment gateway's own memory of charges, so that, like a real payer, it remembers
-- a charge when ParkGrid's process dies between charging and recording it.
CREATE TABLE simulated_payer_charges (
    idempotency_key text PRIMARY KEY,
    amount_fen      bigint NOT NULL,
    outcome         text NOT NULL,
    at              timestamptz NOT NULL DEFAULT now()
);
