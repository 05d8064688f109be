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
-- An erased borrower's earlier images (their sealed columns are cleared) are found by
-- (centre, gid) among the borrower events only: an index of those alone (an index of every
-- event's gid was a fifth of a national year's storage and read by nothing else).
DROP INDEX IF EXISTS bua.event_gid;
CREATE INDEX IF NOT EXISTS event_borrower ON bua.event (centre, gid) WHERE tbl = 'borrower';

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

-- ---- the device's high-water mark -----------------------------------------------------------
-- bua.device.seq only ever moves to the highest seq the log holds from that device (bua.push
-- sets it); a device role cannot set it anywhere else (and may update no other column).
CREATE OR REPLACE FUNCTION bua.device_seq_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    top bigint;
BEGIN
    IF NEW.seq IS DISTINCT FROM OLD.seq THEN
        SELECT coalesce(max(e.seq), 0) INTO top FROM bua.event e
         WHERE e.centre = NEW.centre AND e.device = NEW.device;
        IF NEW.seq <> top THEN
            RAISE EXCEPTION 'high-water of device % of centre % must be %, the last seq the log holds, not %',
                NEW.device, NEW.centre, top, NEW.seq USING ERRCODE = 'BU003';
        END IF;
    END IF;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS device_seq_check ON bua.device;
CREATE TRIGGER device_seq_check BEFORE UPDATE ON bua.device
    FOR EACH ROW EXECUTE FUNCTION bua.device_seq_check();

-- ---- push -----------------------------------------------------------------------------------
-- bua.push(centre, device, events): appends one device's events, given as a JSON array of
-- {"seq","at","tbl","op","gid","row","sealed"?(base64),"bk"?}, in any order. An event at or
-- below the device's high-water is a duplicate and ignored (a re-sent batch changes nothing);
-- the rest must continue the sequence without a hole, else SQLSTATE BU001 names the seqs and
-- nothing of the batch is kept. Returns the new high-water. SECURITY INVOKER: row-level
-- security decides whose events the caller may add.
CREATE OR REPLACE FUNCTION bua.push(p_centre text, p_device text, p_events jsonb)
RETURNS bigint LANGUAGE plpgsql SECURITY INVOKER AS $$
DECLARE
    hw bigint;
    n bigint;
    lo bigint;
    hi bigint;
    gap_after bigint;
    gap_at bigint;
BEGIN
    IF p_events IS NULL OR jsonb_typeof(p_events) <> 'array' THEN
        RAISE EXCEPTION 'bua.push: events of device % of centre % must be a JSON array, not %',
            p_device, p_centre, coalesce(jsonb_typeof(p_events), 'null') USING ERRCODE = '22023';
    END IF;
    SELECT d.seq INTO hw FROM bua.device d
     WHERE d.centre = p_centre AND d.device = p_device FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'bua.push: role % is not the role of device % of centre %',
            current_user, p_device, p_centre USING ERRCODE = 'BU004';
    END IF;
    -- one pass over the batch: the new events in seq order (a seq twice in a batch: its first)
    WITH ins AS (
        INSERT INTO bua.event (centre, device, seq, at, tbl, op, gid, row, sealed, bk)
        SELECT DISTINCT ON (x.seq) p_centre, p_device, x.seq, x.at, x.tbl, x.op, x.gid,
               coalesce(x.row, '{}'::jsonb), decode(x.sealed, 'base64'), x.bk
          FROM jsonb_to_recordset(p_events) AS x(seq bigint, at bigint, tbl text, op text,
               gid text, "row" jsonb, sealed text, bk text)
         WHERE x.seq > hw
         ORDER BY x.seq
        ON CONFLICT DO NOTHING
        RETURNING seq)
    SELECT count(*), min(seq), max(seq) INTO n, lo, hi FROM ins;
    IF n = 0 THEN
        RETURN hw;
    END IF;
    IF lo <> hw + 1 OR hi - lo + 1 <> n THEN
        IF lo <> hw + 1 THEN
            gap_after := hw;
            gap_at := lo;
        ELSE
            SELECT prev, s INTO gap_after, gap_at FROM (
                SELECT s, lag(s) OVER (ORDER BY s) AS prev FROM (
                    SELECT DISTINCT (x->>'seq')::bigint AS s FROM jsonb_array_elements(p_events) x) q
                 WHERE s > hw) w
             WHERE s <> prev + 1 ORDER BY s LIMIT 1;
        END IF;
        -- the exception undoes the insert above: nothing of a refused batch is kept
        RAISE EXCEPTION 'gap in the events of device % of centre %: expected seq %, got %',
            p_device, p_centre, gap_after + 1, gap_at
            USING ERRCODE = 'BU001',
                  DETAIL = format('the server holds up to seq %s; this batch has seqs %s..%s',
                                  hw, lo, hi);
    END IF;
    UPDATE bua.device SET seq = hi WHERE centre = p_centre AND device = p_device;
    RETURN hi;
END $$;

-- ---- pull -----------------------------------------------------------------------------------
-- bua.pull(centre, device, marks, limit): the events of the centre's other devices above their
-- marks ({"device": last seq applied, ...}; a device not named starts at 0), by (device, seq),
-- at most p_limit of them.
CREATE OR REPLACE FUNCTION bua.pull(p_centre text, p_device text, p_marks jsonb, p_limit int)
RETURNS SETOF bua.event LANGUAGE sql STABLE SECURITY INVOKER AS $$
    SELECT x.*
      FROM bua.device d
      LEFT JOIN jsonb_each_text(coalesce(p_marks, '{}'::jsonb)) m ON m.key = d.device
     CROSS JOIN LATERAL (
            SELECT e.* FROM bua.event e
             WHERE e.centre = d.centre AND e.device = d.device
               AND e.seq > coalesce(m.value::bigint, 0)
             ORDER BY e.seq LIMIT greatest(p_limit, 0)) x
     WHERE d.centre = p_centre AND d.device <> p_device
     ORDER BY x.device, x.seq
     LIMIT greatest(p_limit, 0)
$$;

-- ---- roles and row-level security ------------------------------------------------------------
-- bua_device: the group of every device's login role (bua-sync device add makes those). A
-- device sees its centre's devices and events, adds only its own events and moves only its own
-- high-water mark. The schema's owner (who runs bua-sync setup) keeps full access.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bua_device') THEN
        CREATE ROLE bua_device NOLOGIN;
    END IF;
END $$;

-- the centre of the device whose role is p_role (NULL for any other role); SECURITY DEFINER
-- so the policies on bua.device may use it without reading bua.device through themselves (the
-- policies pass current_user: inside the function current_user is its owner). The policies
-- call it as a scalar subquery, so it runs once per statement, not once per row.
CREATE OR REPLACE FUNCTION bua.role_centre(p_role name) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT d.centre FROM bua.device d WHERE d.role = p_role
$$;

GRANT USAGE ON SCHEMA bua TO bua_device;
GRANT SELECT ON bua.centre TO bua_device;
GRANT SELECT, UPDATE (seq) ON bua.device TO bua_device;
GRANT SELECT, INSERT ON bua.event TO bua_device;
REVOKE ALL ON FUNCTION bua.push(text, text, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION bua.pull(text, text, jsonb, int) FROM PUBLIC;
REVOKE ALL ON FUNCTION bua.role_centre(name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bua.push(text, text, jsonb) TO bua_device;
GRANT EXECUTE ON FUNCTION bua.pull(text, text, jsonb, int) TO bua_device;
GRANT EXECUTE ON FUNCTION bua.role_centre(name) TO bua_device;

ALTER TABLE bua.device ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS device_read ON bua.device;
CREATE POLICY device_read ON bua.device FOR SELECT TO bua_device
    USING (centre = (SELECT bua.role_centre(current_user)));
DROP POLICY IF EXISTS device_advance ON bua.device;
CREATE POLICY device_advance ON bua.device FOR UPDATE TO bua_device
    USING (role = current_user) WITH CHECK (role = current_user);

ALTER TABLE bua.event ENABLE ROW LEVEL SECURITY;
ALTER TABLE bua.event FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS event_read ON bua.event;
CREATE POLICY event_read ON bua.event FOR SELECT TO bua_device
    USING (centre = (SELECT bua.role_centre(current_user)));
DROP POLICY IF EXISTS event_add ON bua.event;
CREATE POLICY event_add ON bua.event FOR INSERT TO bua_device
    WITH CHECK (EXISTS (SELECT 1 FROM bua.device d
                         WHERE d.role = current_user AND d.centre = event.centre
                           AND d.device = event.device));
-- FORCE applies the policies to the table's owner too: the owner (who set the schema up and
-- runs bua.rebuild and the state triggers) reads and writes everything
DO $$
DECLARE
    owner name;
BEGIN
    SELECT r.rolname INTO owner FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
     WHERE c.oid = 'bua.event'::regclass;
    EXECUTE 'DROP POLICY IF EXISTS event_owner ON bua.event';
    EXECUTE format('CREATE POLICY event_owner ON bua.event TO %I USING (true) WITH CHECK (true)',
                   owner);
END $$;
