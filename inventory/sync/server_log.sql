-- bua-kiosk's PostgreSQL schema, part 1: the centres, their devices and the append-only event log.
-- Idempotent: `bua-sync setup` runs it (then server_state.sql) on every upgrade.
-- The log is the truth: every derived table (server_state.sql) can be rebuilt from it alone.
CREATE SCHEMA IF NOT EXISTS bua;

CREATE TABLE IF NOT EXISTS bua.centre (
    code text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{1,32}$'),
    name text NOT NULL DEFAULT '',
    tz text NOT NULL DEFAULT 'Europe/Oslo'
);

-- One row per device of a centre; role is the PostgreSQL login role the device connects as;
-- seq is the last event seq the server holds from it (its high-water mark).
CREATE TABLE IF NOT EXISTS bua.device (
    centre text NOT NULL REFERENCES bua.centre(code),
    device text NOT NULL CHECK (device ~ '^[a-z0-9-]{1,32}$'),
    role name UNIQUE NOT NULL,
    seq bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (centre, device)
);

-- The event log: (centre, device, seq) is each device's gapless sequence.
CREATE TABLE IF NOT EXISTS bua.event (
    centre text NOT NULL,
    device text NOT NULL,
    seq bigint NOT NULL CHECK (seq >= 1),
    at bigint NOT NULL,
    tbl text NOT NULL,
    op text NOT NULL CHECK (op IN ('put', 'del')),
    gid text NOT NULL,
    row jsonb NOT NULL,
    sealed bytea,
    bk text,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (centre, device, seq),
    FOREIGN KEY (centre, device) REFERENCES bua.device(centre, device)
);
CREATE INDEX IF NOT EXISTS event_gid ON bua.event (centre, tbl, gid);

-- Append-only: an event is never changed or deleted, except that the sealed personal columns of
-- an erased borrower's events may be cleared (set to NULL).
CREATE OR REPLACE FUNCTION bua.event_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'bua.event is append-only: cannot delete event % of device % of centre %',
            OLD.seq, OLD.device, OLD.centre USING ERRCODE = 'BU002';
    END IF;
    IF NEW.sealed IS NULL AND (NEW.centre, NEW.device, NEW.seq, NEW.at, NEW.tbl, NEW.op, NEW.gid,
            NEW.row, NEW.bk) IS NOT DISTINCT FROM (OLD.centre, OLD.device, OLD.seq, OLD.at,
            OLD.tbl, OLD.op, OLD.gid, OLD.row, OLD.bk) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'bua.event is append-only: cannot change event % of device % of centre %',
        OLD.seq, OLD.device, OLD.centre USING ERRCODE = 'BU002';
END $$;
DROP TRIGGER IF EXISTS event_frozen ON bua.event;
CREATE TRIGGER event_frozen BEFORE UPDATE OR DELETE ON bua.event
    FOR EACH ROW EXECUTE FUNCTION bua.event_frozen();
