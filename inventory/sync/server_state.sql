-- bua-kiosk's PostgreSQL schema, part 2: the centres' state and yearly figures, derived from the
-- event log (server_log.sql) by a trigger on bua.event, and what the national report reads.
-- Idempotent: `bua-sync setup` runs it after server_log.sql on every upgrade.
--
-- Nothing here is personal: a borrower is its gid and `bk` (the opaque key bua-sync derives from
-- the card with the centre's key; the server cannot turn it back into a card), a birth year and a
-- municipality; no names, phones, e-mails or cards (those stay sealed in bua.event.sealed, which
-- only the centre's devices can open).
--
-- Events are row images of the devices' SQLite tables (column names as in inv_sql.h, foreign
-- keys as gids). A row can be put many times (a return, a renewal, a loan re-pointed to another
-- borrower key by the privacy sweep): each st_ row keeps the image of the newest event by
-- (at, device, seq), so the state is a function of the set of events, whatever order they
-- arrive in (the live order, or the (centre, device, seq) order of bua.rebuild()).
--
-- The figures are the device's InvFigures (inventory.h, "yearly figures"), years in the centre's
-- time zone:
--   loans          loans started in Y
--   items_lent     loan lines of loans started in Y
--   borrowers      distinct borrowers with a loan started in Y (two gids with the same bk in a
--                  centre are one borrower: one person registered on two devices)
--   new_borrowers  borrowers first registered in Y (a person registered on two devices counts
--                  once, in the year of the earlier; not the anonymous keys of the privacy sweep)
--   returned       loan lines of loans started in Y returned (not written off as lost), and
--   loan_seconds   their total time out (average loan = loan_seconds / returned)
-- Every change to a st_ row takes back what its old image added and adds what the new one does,
-- so sum_year always equals a recount from the st_ tables (bua-admin report --national --verify).

-- ---- state ------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS bua.st_item (
    centre text NOT NULL,
    gid text NOT NULL,
    barcode text,
    name text,
    category text, -- the category's gid
    status integer,
    gone boolean NOT NULL DEFAULT false, -- deleted on the device (a tombstone)
    v_at bigint NOT NULL, v_dev text NOT NULL, v_seq bigint NOT NULL, -- the event of this image
    PRIMARY KEY (centre, gid)
);

-- person: what distinct-borrower counts count, bk if the device sent one, else the gid.
-- same_as: the smallest gid of the centre with the same bk (this gid if it is the only one).
-- reg_year: the local year of registered_at, NULL when not counted as new (an anonymous key).
CREATE TABLE IF NOT EXISTS bua.st_borrower (
    centre text NOT NULL,
    gid text NOT NULL,
    bk text,
    same_as text NOT NULL,
    person text NOT NULL,
    birth_year integer,
    municipality text,
    registered_at bigint,
    reg_year integer,
    erased_at bigint,
    key_only boolean NOT NULL DEFAULT false,
    gone boolean NOT NULL DEFAULT false,
    v_at bigint NOT NULL, v_dev text NOT NULL, v_seq bigint NOT NULL,
    PRIMARY KEY (centre, gid)
);
CREATE INDEX IF NOT EXISTS st_borrower_bk ON bua.st_borrower (centre, bk) WHERE bk IS NOT NULL;
CREATE INDEX IF NOT EXISTS st_borrower_person ON bua.st_borrower (centre, person, registered_at, gid)
    WHERE reg_year IS NOT NULL;
-- for --verify (bua.recount_year): a year's registrations in one range, and the persons with two
-- or more gids (all of a bk's rows but the one with the smallest gid have same_as <> gid: few)
CREATE INDEX IF NOT EXISTS st_borrower_reg ON bua.st_borrower (centre, registered_at)
    WHERE reg_year IS NOT NULL;
CREATE INDEX IF NOT EXISTS st_borrower_alias ON bua.st_borrower (centre, bk) WHERE same_as <> gid;

-- year: the local year of `at` (checked_out_at) when the loan was counted.
CREATE TABLE IF NOT EXISTS bua.st_loan (
    centre text NOT NULL,
    gid text NOT NULL,
    borrower text, -- the borrower's gid
    at bigint,
    year integer,
    gone boolean NOT NULL DEFAULT false,
    v_at bigint NOT NULL, v_dev text NOT NULL, v_seq bigint NOT NULL,
    PRIMARY KEY (centre, gid)
);
CREATE INDEX IF NOT EXISTS st_loan_borrower ON bua.st_loan (centre, borrower);
-- a year's loans and their borrowers in one index-only range (--verify); (centre, gid, at) is
-- what st_line's copy of the loan's time refers to
DROP INDEX IF EXISTS bua.st_loan_at;
CREATE INDEX IF NOT EXISTS st_loan_year ON bua.st_loan (centre, at) INCLUDE (borrower)
    WHERE NOT gone;
CREATE UNIQUE INDEX IF NOT EXISTS st_loan_gid_at ON bua.st_loan (centre, gid, at);

CREATE TABLE IF NOT EXISTS bua.st_line (
    centre text NOT NULL,
    loan text NOT NULL, -- the loan's gid
    seq integer NOT NULL,
    item text, -- the item's gid
    due_at bigint,
    returned_at bigint,
    lost_at bigint,
    gone boolean NOT NULL DEFAULT false,
    v_at bigint NOT NULL, v_dev text NOT NULL, v_seq bigint NOT NULL,
    PRIMARY KEY (centre, loan, seq)
);
-- loan_at: a copy of its loan's `at` (checked_out_at), NULL while the loan has not arrived (or
-- is deleted), so that a year's lines are one index-only range of st_line_year instead of a
-- look-up per loan. The foreign key keeps every copy equal to its loan's time (ON UPDATE
-- CASCADE: a loan whose time changes moves its lines' copies); a NULL copy is not checked by it,
-- so apply_loan fills its lines' copies when the loan arrives and --verify counts the lines
-- whose loan is here but whose copy is NULL (there must be none).
ALTER TABLE bua.st_line ADD COLUMN IF NOT EXISTS loan_at bigint;
CREATE INDEX IF NOT EXISTS st_line_year ON bua.st_line (centre, loan_at)
    INCLUDE (returned_at, lost_at) WHERE NOT gone;

-- ---- summaries --------------------------------------------------------------------------------

-- One row per centre and year that has a figure (a row whose figures all fall to 0 is removed,
-- so a rebuild gives the same rows).
CREATE TABLE IF NOT EXISTS bua.sum_year (
    centre text NOT NULL,
    year integer NOT NULL,
    loans bigint NOT NULL DEFAULT 0,
    items_lent bigint NOT NULL DEFAULT 0,
    borrowers bigint NOT NULL DEFAULT 0,
    new_borrowers bigint NOT NULL DEFAULT 0,
    returned bigint NOT NULL DEFAULT 0,
    loan_seconds bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (centre, year)
);

-- The distinct borrowers of a centre's year: borrower is st_borrower.person, loans how many of
-- the year's loans are theirs (the row goes when it reaches 0).
CREATE TABLE IF NOT EXISTS bua.sum_borrower (
    centre text NOT NULL,
    year integer NOT NULL,
    borrower text NOT NULL,
    loans bigint NOT NULL,
    PRIMARY KEY (centre, year, borrower)
);

-- ---- helpers ----------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION bua.local_year(t bigint, tz text) RETURNS integer
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT extract(year FROM to_timestamp(t) AT TIME ZONE tz)::integer
$$;

-- Adds deltas to a centre's year; removes the row when every figure is 0.
CREATE OR REPLACE FUNCTION bua.sum_add(p_centre text, p_year integer, d_loans bigint,
    d_items bigint, d_borrowers bigint, d_new bigint, d_returned bigint, d_seconds bigint)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    s bua.sum_year;
BEGIN
    IF p_year IS NULL OR (d_loans = 0 AND d_items = 0 AND d_borrowers = 0 AND d_new = 0
            AND d_returned = 0 AND d_seconds = 0) THEN
        RETURN;
    END IF;
    INSERT INTO bua.sum_year AS y (centre, year, loans, items_lent, borrowers, new_borrowers,
            returned, loan_seconds)
        VALUES (p_centre, p_year, d_loans, d_items, d_borrowers, d_new, d_returned, d_seconds)
        ON CONFLICT (centre, year) DO UPDATE SET loans = y.loans + excluded.loans,
            items_lent = y.items_lent + excluded.items_lent,
            borrowers = y.borrowers + excluded.borrowers,
            new_borrowers = y.new_borrowers + excluded.new_borrowers,
            returned = y.returned + excluded.returned,
            loan_seconds = y.loan_seconds + excluded.loan_seconds
        RETURNING y.* INTO s;
    IF s.loans = 0 AND s.items_lent = 0 AND s.borrowers = 0 AND s.new_borrowers = 0
            AND s.returned = 0 AND s.loan_seconds = 0 THEN
        DELETE FROM bua.sum_year WHERE centre = p_centre AND year = p_year;
    END IF;
END $$;

-- Adds n (positive or negative) loans to a person's count in a centre's year; returns how the
-- year's distinct borrowers change (+1: a new one, -1: the last loan went, 0).
CREATE OR REPLACE FUNCTION bua.sum_person(p_centre text, p_year integer, p_person text,
    n bigint) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    left_ bigint;
BEGIN
    IF n = 0 OR p_year IS NULL THEN
        RETURN 0;
    END IF;
    IF n > 0 THEN
        INSERT INTO bua.sum_borrower AS b (centre, year, borrower, loans)
            VALUES (p_centre, p_year, p_person, n)
            ON CONFLICT (centre, year, borrower) DO UPDATE SET loans = b.loans + excluded.loans
            RETURNING b.loans INTO left_;
        RETURN CASE WHEN left_ = n THEN 1 ELSE 0 END;
    END IF;
    UPDATE bua.sum_borrower SET loans = loans + n
        WHERE centre = p_centre AND year = p_year AND borrower = p_person
        RETURNING loans INTO left_;
    IF left_ IS NULL THEN
        RAISE EXCEPTION 'bua: summary of borrower % in % of centre % is missing', p_person,
            p_year, p_centre;
    END IF;
    IF left_ = 0 THEN
        DELETE FROM bua.sum_borrower
            WHERE centre = p_centre AND year = p_year AND borrower = p_person;
        RETURN -1;
    END IF;
    RETURN 0;
END $$;

-- The person a borrower gid counts as (its bk, else itself: also for a borrower not seen yet).
CREATE OR REPLACE FUNCTION bua.person_of(p_centre text, p_gid text) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT b.person FROM bua.st_borrower b
                     WHERE b.centre = p_centre AND b.gid = p_gid), p_gid)
$$;

-- The local year a person first registered in (their earliest registration of the centre, not
-- an anonymous key), NULL if none.
CREATE OR REPLACE FUNCTION bua.first_year(p_centre text, p_person text) RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT b.reg_year FROM bua.st_borrower b
        WHERE b.centre = p_centre AND b.person = p_person AND b.reg_year IS NOT NULL
        ORDER BY b.registered_at, b.gid LIMIT 1
$$;

-- Adds (sign 1) or takes back (sign -1) everything one loan counts in its year: the loan, its
-- borrower, its lines and their returns.
CREATE OR REPLACE FUNCTION bua.loan_count(p_centre text, p_gid text, p_year integer,
    p_at bigint, p_borrower text, sign integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    n_items bigint;
    n_ret bigint;
    n_secs bigint;
    d_borr integer;
BEGIN
    SELECT count(*), count(*) FILTER (WHERE l.returned_at IS NOT NULL AND l.lost_at IS NULL),
           coalesce(sum(l.returned_at - p_at)
                    FILTER (WHERE l.returned_at IS NOT NULL AND l.lost_at IS NULL), 0)
        INTO n_items, n_ret, n_secs
        FROM bua.st_line l WHERE l.centre = p_centre AND l.loan = p_gid AND NOT l.gone;
    d_borr := bua.sum_person(p_centre, p_year, bua.person_of(p_centre, p_borrower), sign);
    PERFORM bua.sum_add(p_centre, p_year, sign, sign * n_items, d_borr, 0, sign * n_ret,
                        sign * n_secs);
END $$;

-- ---- applying one event -----------------------------------------------------------------------

CREATE OR REPLACE FUNCTION bua.apply_loan(e bua.event, tz text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    o bua.st_loan;
    had boolean;
    gone_ boolean := e.op = 'del';
    n_borrower text;
    n_at bigint;
    n_year integer;
BEGIN
    SELECT * INTO o FROM bua.st_loan WHERE centre = e.centre AND gid = e.gid FOR UPDATE;
    had := FOUND;
    IF had AND (o.v_at, o.v_dev, o.v_seq) >= (e.at, e.device, e.seq) THEN
        RETURN; -- an older image than the one held
    END IF;
    IF NOT gone_ THEN -- a deleted row keeps nothing (whatever order its events came in)
        n_borrower := e.row->>'borrower_id';
        n_at := (e.row->>'checked_out_at')::bigint;
    END IF;
    n_year := bua.local_year(n_at, tz);
    IF had AND NOT o.gone AND NOT gone_ AND o.year IS NOT DISTINCT FROM n_year
            AND o.at IS NOT DISTINCT FROM n_at AND o.borrower IS NOT DISTINCT FROM n_borrower THEN
        UPDATE bua.st_loan SET v_at = e.at, v_dev = e.device, v_seq = e.seq
            WHERE centre = e.centre AND gid = e.gid;
        RETURN; -- nothing the figures read changed
    END IF;
    IF had AND NOT o.gone THEN
        PERFORM bua.loan_count(e.centre, e.gid, o.year, o.at, o.borrower, -1);
    END IF;
    INSERT INTO bua.st_loan AS s (centre, gid, borrower, at, year, gone, v_at, v_dev, v_seq)
        VALUES (e.centre, e.gid, n_borrower, n_at, n_year, gone_, e.at, e.device, e.seq)
        ON CONFLICT (centre, gid) DO UPDATE SET borrower = excluded.borrower, at = excluded.at,
            year = excluded.year, gone = excluded.gone, v_at = excluded.v_at,
            v_dev = excluded.v_dev, v_seq = excluded.v_seq;
    -- the lines' copies of the loan's time (those that had the old time moved with it already)
    UPDATE bua.st_line SET loan_at = n_at
        WHERE centre = e.centre AND loan = e.gid AND loan_at IS DISTINCT FROM n_at;
    IF NOT gone_ THEN
        PERFORM bua.loan_count(e.centre, e.gid, n_year, n_at, n_borrower, 1);
    END IF;
END $$;

CREATE OR REPLACE FUNCTION bua.apply_line(e bua.event) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    o bua.st_line;
    had boolean;
    gone_ boolean := e.op = 'del';
    k_loan text;
    k_seq integer;
    l_at bigint;
    l_year integer;
    l_gone boolean;
    n_item text;
    n_due bigint;
    n_ret bigint;
    n_lost bigint;
    d_items bigint := 0;
    d_ret bigint := 0;
    d_secs bigint := 0;
BEGIN
    -- the gid is "<loan gid>/<seq>"; the row names both too
    k_loan := coalesce(e.row->>'loan_id', regexp_replace(e.gid, '/[^/]*$', ''));
    k_seq := coalesce((e.row->>'seq')::integer, substring(e.gid FROM '/([0-9]+)$')::integer);
    IF k_loan IS NULL OR k_seq IS NULL THEN
        RAISE EXCEPTION 'bua: loan_line event % of device % of centre % names no loan and seq',
            e.seq, e.device, e.centre;
    END IF;
    SELECT * INTO o FROM bua.st_line WHERE centre = e.centre AND loan = k_loan AND seq = k_seq
        FOR UPDATE;
    had := FOUND;
    IF had AND (o.v_at, o.v_dev, o.v_seq) >= (e.at, e.device, e.seq) THEN
        RETURN;
    END IF;
    IF NOT gone_ THEN
        n_item := e.row->>'item_id';
        n_due := (e.row->>'due_at')::bigint;
        n_ret := (e.row->>'returned_at')::bigint;
        n_lost := (e.row->>'lost_at')::bigint;
    END IF;
    -- the line counts in its loan's year once the loan is here (else the loan counts it later)
    -- (locked against a change of its time until this line's copy of it is in)
    -- (gone tested here, not in the WHERE: the look-up is the primary key's whatever the
    -- statistics say, never a walk of the centre's loans in st_loan_year)
    SELECT l.at, l.year, l.gone INTO l_at, l_year, l_gone FROM bua.st_loan l
        WHERE l.centre = e.centre AND l.gid = k_loan FOR KEY SHARE;
    IF l_gone THEN
        l_at := NULL;
        l_year := NULL;
    END IF;
    INSERT INTO bua.st_line AS s (centre, loan, seq, item, due_at, returned_at, lost_at, gone,
            loan_at, v_at, v_dev, v_seq)
        VALUES (e.centre, k_loan, k_seq, n_item, n_due, n_ret, n_lost, gone_, l_at, e.at,
            e.device, e.seq)
        ON CONFLICT (centre, loan, seq) DO UPDATE SET item = excluded.item,
            due_at = excluded.due_at, returned_at = excluded.returned_at,
            lost_at = excluded.lost_at, gone = excluded.gone, loan_at = excluded.loan_at,
            v_at = excluded.v_at, v_dev = excluded.v_dev, v_seq = excluded.v_seq;
    IF l_year IS NULL THEN
        RETURN;
    END IF;
    IF had AND NOT o.gone THEN
        d_items := d_items - 1;
        IF o.returned_at IS NOT NULL AND o.lost_at IS NULL THEN
            d_ret := d_ret - 1;
            d_secs := d_secs - (o.returned_at - l_at);
        END IF;
    END IF;
    IF NOT gone_ THEN
        d_items := d_items + 1;
        IF n_ret IS NOT NULL AND n_lost IS NULL THEN
            d_ret := d_ret + 1;
            d_secs := d_secs + (n_ret - l_at);
        END IF;
    END IF;
    IF d_items < 0 OR d_ret < 0 OR d_secs < 0 THEN -- a take-back: the row may fall to 0
        PERFORM bua.sum_add(e.centre, l_year, 0, d_items, 0, 0, d_ret, d_secs);
    ELSIF d_items > 0 OR d_ret > 0 OR d_secs > 0 THEN
        INSERT INTO bua.sum_year AS y (centre, year, items_lent, returned, loan_seconds)
            VALUES (e.centre, l_year, d_items, d_ret, d_secs)
            ON CONFLICT (centre, year) DO UPDATE SET items_lent = y.items_lent + excluded.items_lent,
                returned = y.returned + excluded.returned,
                loan_seconds = y.loan_seconds + excluded.loan_seconds;
    END IF;
END $$;

CREATE OR REPLACE FUNCTION bua.apply_borrower(e bua.event, tz text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    o bua.st_borrower;
    had boolean;
    gone_ boolean := e.op = 'del';
    n_bk text;
    n_person text;
    o_person text;
    n_reg bigint;
    n_reg_year integer;
    n_key_only boolean;
    n_erased bigint;
    n_birth integer;
    n_muni text;
    f_old_was integer;
    f_old integer;
    f_new_was integer;
    f_new integer;
    y record;
    d integer;
BEGIN
    SELECT * INTO o FROM bua.st_borrower WHERE centre = e.centre AND gid = e.gid FOR UPDATE;
    had := FOUND;
    IF had AND (o.v_at, o.v_dev, o.v_seq) >= (e.at, e.device, e.seq) THEN
        -- an older image: it changes nothing, but its personal columns go if the person is erased
        IF o.erased_at IS NOT NULL AND e.sealed IS NOT NULL AND e.row->>'erased_at' IS NULL THEN
            UPDATE bua.event SET sealed = NULL
                WHERE centre = e.centre AND device = e.device AND seq = e.seq;
        END IF;
        RETURN;
    END IF;
    n_key_only := false;
    IF NOT gone_ THEN
        n_bk := nullif(e.bk, '');
        n_reg := (e.row->>'registered_at')::bigint;
        n_key_only := coalesce((e.row->>'key_only')::integer, 0) <> 0;
        n_erased := (e.row->>'erased_at')::bigint;
        n_birth := (e.row->>'birth_year')::integer;
        n_muni := e.row->>'municipality';
    END IF;
    n_person := coalesce(n_bk, e.gid);
    o_person := CASE WHEN had THEN o.person ELSE e.gid END;
    -- two devices registering the same card at the same moment: one after the other, so that
    -- each sees the other's registration when it decides who is new (locks in a fixed order)
    PERFORM pg_advisory_xact_lock(hashtextextended(e.centre || '/' || p, 0))
       FROM (SELECT DISTINCT unnest(ARRAY[o_person, n_person]) AS p ORDER BY 1) x;
    n_reg_year := CASE WHEN gone_ OR n_key_only THEN NULL ELSE bua.local_year(n_reg, tz) END;
    f_old_was := bua.first_year(e.centre, o_person);
    IF o_person <> n_person THEN
        f_new_was := bua.first_year(e.centre, n_person);
    END IF;
    INSERT INTO bua.st_borrower AS s (centre, gid, bk, same_as, person, birth_year, municipality,
            registered_at, reg_year, erased_at, key_only, gone, v_at, v_dev, v_seq)
        VALUES (e.centre, e.gid, n_bk, e.gid, n_person, n_birth, n_muni, n_reg, n_reg_year,
            n_erased, n_key_only, gone_, e.at, e.device, e.seq)
        ON CONFLICT (centre, gid) DO UPDATE SET bk = excluded.bk, person = excluded.person,
            birth_year = excluded.birth_year, municipality = excluded.municipality,
            registered_at = excluded.registered_at, reg_year = excluded.reg_year,
            erased_at = excluded.erased_at, key_only = excluded.key_only, gone = excluded.gone,
            v_at = excluded.v_at, v_dev = excluded.v_dev, v_seq = excluded.v_seq;
    -- new borrowers: a person is new in the year of their first registration
    f_old := bua.first_year(e.centre, o_person);
    IF f_old IS DISTINCT FROM f_old_was THEN
        PERFORM bua.sum_add(e.centre, f_old_was, 0, 0, 0, -1, 0, 0);
        PERFORM bua.sum_add(e.centre, f_old, 0, 0, 0, 1, 0, 0);
    END IF;
    IF o_person <> n_person THEN
        f_new := bua.first_year(e.centre, n_person);
        IF f_new IS DISTINCT FROM f_new_was THEN
            PERFORM bua.sum_add(e.centre, f_new_was, 0, 0, 0, -1, 0, 0);
            PERFORM bua.sum_add(e.centre, f_new, 0, 0, 0, 1, 0, 0);
        END IF;
    END IF;
    -- same_as: the smallest gid with the same bk, for every gid of the old and the new bk
    IF had AND o.bk IS DISTINCT FROM n_bk THEN
        UPDATE bua.st_borrower b SET same_as = coalesce((SELECT min(x.gid) FROM bua.st_borrower x
                WHERE x.centre = b.centre AND x.bk = b.bk), b.gid)
            WHERE b.centre = e.centre AND (b.gid = e.gid OR b.bk = o.bk);
    END IF;
    IF n_bk IS NOT NULL THEN
        UPDATE bua.st_borrower b SET same_as = (SELECT min(x.gid) FROM bua.st_borrower x
                WHERE x.centre = e.centre AND x.bk = n_bk)
            WHERE b.centre = e.centre AND b.bk = n_bk;
    END IF;
    -- the person changed (first bk, a new card, erasure): move the borrower's loans' counts
    IF o_person <> n_person THEN
        FOR y IN SELECT l.year, count(*) AS n FROM bua.st_loan l
                WHERE l.centre = e.centre AND l.borrower = e.gid AND NOT l.gone
                    AND l.year IS NOT NULL GROUP BY l.year LOOP
            d := bua.sum_person(e.centre, y.year, o_person, -y.n)
                 + bua.sum_person(e.centre, y.year, n_person, y.n);
            PERFORM bua.sum_add(e.centre, y.year, 0, 0, d, 0, 0, 0);
        END LOOP;
    END IF;
    -- an erased person: the sealed personal columns of the images from before the erasure go
    IF n_erased IS NOT NULL THEN
        UPDATE bua.event SET sealed = NULL
            WHERE centre = e.centre AND tbl = 'borrower' AND gid = e.gid
                AND sealed IS NOT NULL AND row->>'erased_at' IS NULL;
    END IF;
END $$;

-- Items carry no figure: a batch's item images go into st_item in one statement (the newest of
-- each item in the batch, kept if newer than the one held), from the statement's trigger below.
-- A deleted item keeps nothing but the tombstone.
CREATE OR REPLACE FUNCTION bua.apply_items(p_events bua.event[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO bua.st_item AS s (centre, gid, barcode, name, category, status, gone, v_at,
            v_dev, v_seq)
    SELECT DISTINCT ON (e.centre, e.gid) e.centre, e.gid, e.row->>'barcode', e.row->>'name',
           e.row->>'category_id', (e.row->>'status')::integer, e.op = 'del', e.at, e.device, e.seq
      FROM unnest(p_events) e
     ORDER BY e.centre, e.gid, e.at DESC, e.device DESC, e.seq DESC
    ON CONFLICT (centre, gid) DO UPDATE SET barcode = excluded.barcode, name = excluded.name,
        category = excluded.category, status = excluded.status, gone = excluded.gone,
        v_at = excluded.v_at, v_dev = excluded.v_dev, v_seq = excluded.v_seq
    WHERE (s.v_at, s.v_dev, s.v_seq) < (excluded.v_at, excluded.v_dev, excluded.v_seq)
$$;

-- One event into the state and the summaries (loans, lines, borrowers; items through
-- apply_items; other tables change nothing here). Runs as the schema's owner; EXECUTE is not
-- granted to anyone (the device roles reach it only through the triggers on bua.event).
CREATE OR REPLACE FUNCTION bua.apply_event(e bua.event) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    tz text;
BEGIN
    IF e.tbl = 'loan_line' THEN
        PERFORM bua.apply_line(e);
    ELSIF e.tbl = 'item' THEN
        PERFORM bua.apply_items(ARRAY[e]);
    ELSIF e.tbl IN ('loan', 'borrower') THEN
        SELECT c.tz INTO tz FROM bua.centre c WHERE c.code = e.centre;
        IF e.tbl = 'loan' THEN
            PERFORM bua.apply_loan(e, tz);
        ELSE
            PERFORM bua.apply_borrower(e, tz);
        END IF;
    END IF;
END $$;
REVOKE ALL ON FUNCTION bua.apply_event(bua.event) FROM PUBLIC;

-- The trigger: a statement's events in one go, set-based for what a device mostly sends, with
-- the same result as applying every event one by one in (centre, device, seq) order (the
-- setting bua.fast_path = off does exactly that, so that a test can compare):
--   items: the newest image of each item (apply_items);
--   new borrowers: a registration new to the state whose person is new to the centre (and no
--     loan waiting for it) goes into st_borrower and the new-borrower count in one statement;
--   new loans: a loan put whose row is new to the state (no st_loan row, no st_line row waiting
--     for it, its gid once in the statement) goes into st_loan and its year's counts (loan,
--     person) in one statement each, as apply_loan would have done;
--   lines: every line event whose loan has no other event in the statement (a checkout's lines
--     after its new loan, a return, a renewal). A line's figures depend only on its own image
--     and its loan's time, and every event of a key takes back what the image before it added,
--     so the key's change to the figures is what its newest image adds less what the held image
--     added: one upsert of st_line with the newest image of each key (kept only if newer than the
--     one held, as apply_line keeps it) and one grouped upsert of sum_year;
--   the rest (other borrower and loan events, lines of those loans) one by one through
--     bua.apply_event, in (centre, device, seq) order, after the above (they touch neither the
--     set-based lines nor the new loans' rows: a borrower moves whole loans between persons,
--     which the new loans are already counted in).
-- Plans: a plan kept from when the tables were small (a connection that stays open, bua-sync's)
-- would walk a whole table once it grew, and planning every statement for every batch costs a
-- push about 2 ms (the foreign key st_line_loan_at's own check query, run for each line inserted,
-- 48 us a line). So the set-based part keeps its plans but makes them with seq scans off, and
-- finds every held row it reads by key, one index look-up each (a LATERAL or EXISTS subquery
-- kept apart by OFFSET 0: from the statistics of a table of a few thousand rows the planner
-- would rather read the whole table and hash it); items and the one-by-one rest are planned for
-- each batch (plan_cache_mode = force_custom_plan; a statement that reads a table there has a
-- parameter, else PostgreSQL keeps its first plan whatever the mode).
DROP TRIGGER IF EXISTS event_applied ON bua.event;
DROP FUNCTION IF EXISTS bua.event_applied();

CREATE OR REPLACE FUNCTION bua.events_applied() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    SET plan_cache_mode = force_custom_plan AS $$
DECLARE
    fast boolean := coalesce(current_setting('bua.fast_path', true), '') <> 'off';
    items bua.event[];
    cand bua.event[];
    borrowers bua.event[];
    loans bua.event[];
    lines bua.event[];
    z_centres text[];
    z_years integer[];
    seqscan text;
    e bua.event;
BEGIN
    -- (a row of new_events is a record: ROW(n.*)::bua.event makes it an event directly, where an
    -- array of records would be cast to bua.event[] through text, every row image printed and
    -- parsed again)
    SELECT array_agg(ROW(n.*)::bua.event) INTO items FROM new_events n WHERE n.tbl = 'item';
    IF items IS NOT NULL THEN
        PERFORM bua.apply_items(items);
    END IF;
    -- the set-based part below keeps its plans (see above), made with index scans only
    seqscan := current_setting('enable_seqscan');
    PERFORM set_config('plan_cache_mode', 'auto', true), set_config('enable_seqscan', 'off', true);
    IF fast THEN
        -- new borrowers: a put whose gid is new to the state, whose person (bk, else the gid) is
        -- registered nowhere else in the centre and named once in the statement, not erased,
        -- and that no loan held names yet; locked by person as apply_borrower locks (two
        -- devices registering the same card at the same moment), then checked again under the
        -- lock and counted (a person new to the centre is new in the year of this registration)
        SELECT array_agg(w.n) INTO cand
          FROM (SELECT ROW(n.*)::bua.event AS n,
                       count(*) OVER (PARTITION BY n.centre, n.gid) AS k,
                       count(*) OVER (PARTITION BY n.centre,
                                      coalesce(nullif(n.bk, ''), n.gid)) AS kp
                  FROM new_events n WHERE n.tbl = 'borrower') w
         WHERE (w.n).op = 'put' AND w.k = 1 AND w.kp = 1 AND ((w.n).row->>'erased_at') IS NULL;
    END IF;
    IF cand IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(hashtextextended(x.centre || '/' || x.p, 0))
           FROM (SELECT DISTINCT f.centre, coalesce(nullif(f.bk, ''), f.gid) AS p
                   FROM unnest(cand) f ORDER BY 1, 2) x;
        SELECT array_agg(f) INTO borrowers
          FROM unnest(cand) f
         WHERE NOT EXISTS (SELECT 1 FROM bua.st_borrower s
                            WHERE s.centre = f.centre AND s.gid = f.gid OFFSET 0)
           AND NOT EXISTS (SELECT 1 FROM bua.st_borrower s
                            WHERE s.centre = f.centre AND s.bk = coalesce(nullif(f.bk, ''), f.gid)
                           OFFSET 0)
           AND NOT EXISTS (SELECT 1 FROM bua.st_loan l
                            WHERE l.centre = f.centre AND l.borrower = f.gid OFFSET 0);
    END IF;
    IF borrowers IS NOT NULL THEN
        WITH nb AS (
            INSERT INTO bua.st_borrower (centre, gid, bk, same_as, person, birth_year,
                    municipality, registered_at, reg_year, erased_at, key_only, gone, v_at, v_dev,
                    v_seq)
            SELECT f.centre, f.gid, nullif(f.bk, ''), f.gid, coalesce(nullif(f.bk, ''), f.gid),
                   (f.row->>'birth_year')::integer, f.row->>'municipality',
                   (f.row->>'registered_at')::bigint,
                   CASE WHEN coalesce((f.row->>'key_only')::integer, 0) <> 0 THEN NULL
                        ELSE bua.local_year((f.row->>'registered_at')::bigint,
                                            (SELECT c.tz FROM bua.centre c
                                              WHERE c.code = f.centre)) END,
                   NULL, coalesce((f.row->>'key_only')::integer, 0) <> 0, false, f.at, f.device,
                   f.seq
              FROM unnest(borrowers) f
            RETURNING centre, reg_year
        )
        INSERT INTO bua.sum_year AS y (centre, year, new_borrowers)
        SELECT nb.centre, nb.reg_year, count(*) FROM nb WHERE nb.reg_year IS NOT NULL
         GROUP BY 1, 2
        ON CONFLICT (centre, year) DO UPDATE SET new_borrowers = y.new_borrowers
            + excluded.new_borrowers;
    END IF;
    IF fast THEN
        SELECT array_agg(w.n) INTO cand
          FROM (SELECT ROW(n.*)::bua.event AS n,
                       count(*) OVER (PARTITION BY n.centre, n.gid) AS k
                  FROM new_events n WHERE n.tbl = 'loan') w
         WHERE (w.n).op = 'put' AND w.k = 1;
    ELSE
        cand := NULL;
    END IF;
    IF cand IS NOT NULL THEN
        SELECT array_agg(f) INTO loans
          FROM unnest(cand) f
         WHERE NOT EXISTS (SELECT 1 FROM bua.st_loan s WHERE s.centre = f.centre AND s.gid = f.gid
                            OFFSET 0)
           AND NOT EXISTS (SELECT 1 FROM bua.st_line s WHERE s.centre = f.centre AND s.loan = f.gid
                            OFFSET 0);
    END IF;
    IF loans IS NOT NULL THEN
        -- the loans, and per person and year their count (a sum_borrower row made here is a
        -- new borrower of the year); no line is counted yet (none was waiting: the lines follow)
        WITH nl AS (
            INSERT INTO bua.st_loan (centre, gid, borrower, at, year, gone, v_at, v_dev, v_seq)
            SELECT f.centre, f.gid, f.row->>'borrower_id', (f.row->>'checked_out_at')::bigint,
                   bua.local_year((f.row->>'checked_out_at')::bigint,
                                  (SELECT c.tz FROM bua.centre c WHERE c.code = f.centre)),
                   false, f.at, f.device, f.seq
              FROM unnest(loans) f
            RETURNING centre, year, borrower
        ), pb AS (
            INSERT INTO bua.sum_borrower AS b (centre, year, borrower, loans)
            SELECT nl.centre, nl.year, bua.person_of(nl.centre, nl.borrower), count(*)
              FROM nl WHERE nl.year IS NOT NULL
             GROUP BY 1, 2, 3
            ON CONFLICT (centre, year, borrower) DO UPDATE SET loans = b.loans + excluded.loans
            RETURNING b.centre, b.year, (b.xmax = 0) AS fresh
        )
        INSERT INTO bua.sum_year AS y (centre, year, loans, borrowers)
        SELECT t.centre, t.year, sum(t.loans), sum(t.borrowers)
          FROM (SELECT nl.centre, nl.year, count(*) AS loans, 0 AS borrowers
                  FROM nl WHERE nl.year IS NOT NULL GROUP BY 1, 2
                UNION ALL
                SELECT pb.centre, pb.year, 0, count(*) FILTER (WHERE pb.fresh)
                  FROM pb GROUP BY 1, 2) t
         GROUP BY t.centre, t.year
        ON CONFLICT (centre, year) DO UPDATE SET loans = y.loans + excluded.loans,
            borrowers = y.borrowers + excluded.borrowers;
    END IF;
    IF fast THEN
        -- the lines whose loan has no event in the statement other than a new loan's above
        -- (each key's events; a line naming no loan or seq goes one by one, and is refused there)
        SELECT array_agg(x.n) INTO lines
          FROM new_events n
         CROSS JOIN LATERAL (
                SELECT ROW(n.*)::bua.event AS n,
                       coalesce(n.row->>'loan_id', regexp_replace(n.gid, '/[^/]*$', ''))
                           AS k_loan) x
         WHERE n.tbl = 'loan_line' AND x.k_loan IS NOT NULL
           AND coalesce((n.row->>'seq')::integer, substring(n.gid FROM '/([0-9]+)$')::integer)
               IS NOT NULL
           AND (n.centre, x.k_loan) NOT IN (
                SELECT m.centre, m.gid FROM new_events m
                 WHERE m.tbl = 'loan'
                   AND (m.centre, m.device, m.seq) NOT IN (
                        SELECT f.centre, f.device, f.seq FROM unnest(loans) f));
    END IF;
    IF lines IS NOT NULL THEN
        WITH nw AS ( -- the newest event of each key in the statement
            SELECT DISTINCT ON (f.centre, x.k_loan, x.k_seq) f.centre, x.k_loan, x.k_seq,
                   f.op = 'del' AS gone,
                   CASE WHEN f.op = 'put' THEN f.row->>'item_id' END AS item,
                   CASE WHEN f.op = 'put' THEN (f.row->>'due_at')::bigint END AS due_at,
                   CASE WHEN f.op = 'put' THEN (f.row->>'returned_at')::bigint END AS ret,
                   CASE WHEN f.op = 'put' THEN (f.row->>'lost_at')::bigint END AS lost,
                   f.at, f.device, f.seq
              FROM unnest(lines) f
             CROSS JOIN LATERAL (
                    SELECT coalesce(f.row->>'loan_id', regexp_replace(f.gid, '/[^/]*$', ''))
                               AS k_loan,
                           coalesce((f.row->>'seq')::integer,
                                    substring(f.gid FROM '/([0-9]+)$')::integer) AS k_seq) x
             ORDER BY f.centre, x.k_loan, x.k_seq, f.at DESC, f.device DESC, f.seq DESC
        ), held AS ( -- the images held for those keys (a look-up by key each: see below)
            SELECT s.centre, s.loan, s.seq, s.returned_at, s.lost_at, s.gone, s.v_at, s.v_dev,
                   s.v_seq
              FROM nw CROSS JOIN LATERAL (
                    SELECT s.* FROM bua.st_line s
                     WHERE s.centre = nw.centre AND s.loan = nw.k_loan AND s.seq = nw.k_seq
                       FOR UPDATE OFFSET 0) s
        ), lo AS ( -- their loans, held against a change of time until the lines are in
            SELECT l.centre, l.gid, l.at, l.year
              FROM (SELECT DISTINCT nw.centre, nw.k_loan FROM nw) k
             CROSS JOIN LATERAL (
                    SELECT l.* FROM bua.st_loan l
                     WHERE l.centre = k.centre AND l.gid = k.k_loan AND NOT l.gone
                       FOR KEY SHARE OFFSET 0) l
        ), ch AS ( -- the keys whose newest image is newer than the one held
            SELECT nw.*, h.seq IS NOT NULL AND NOT h.gone AS had, h.returned_at AS o_ret,
                   h.lost_at AS o_lost, lo.at AS l_at, lo.year AS l_year
              FROM nw
              LEFT JOIN held h ON h.centre = nw.centre AND h.loan = nw.k_loan AND h.seq = nw.k_seq
              LEFT JOIN lo ON lo.centre = nw.centre AND lo.gid = nw.k_loan
             WHERE h.seq IS NULL OR (h.v_at, h.v_dev, h.v_seq) < (nw.at, nw.device, nw.seq)
        ), up AS (
            INSERT INTO bua.st_line AS s (centre, loan, seq, item, due_at, returned_at, lost_at,
                    gone, loan_at, v_at, v_dev, v_seq)
            SELECT ch.centre, ch.k_loan, ch.k_seq, ch.item, ch.due_at, ch.ret, ch.lost, ch.gone,
                   ch.l_at, ch.at, ch.device, ch.seq
              FROM ch
            ON CONFLICT (centre, loan, seq) DO UPDATE SET item = excluded.item,
                due_at = excluded.due_at, returned_at = excluded.returned_at,
                lost_at = excluded.lost_at, gone = excluded.gone, loan_at = excluded.loan_at,
                v_at = excluded.v_at, v_dev = excluded.v_dev, v_seq = excluded.v_seq
        ), d AS ( -- what each key adds now less what it added (in its loan's year, once here)
            SELECT ch.centre, ch.l_year AS year,
                   (NOT ch.gone)::integer - ch.had::integer AS items,
                   (NOT ch.gone AND ch.ret IS NOT NULL AND ch.lost IS NULL)::integer
                   - (ch.had AND ch.o_ret IS NOT NULL AND ch.o_lost IS NULL)::integer AS ret,
                   CASE WHEN NOT ch.gone AND ch.ret IS NOT NULL AND ch.lost IS NULL
                        THEN ch.ret - ch.l_at ELSE 0 END
                   - CASE WHEN ch.had AND ch.o_ret IS NOT NULL AND ch.o_lost IS NULL
                          THEN ch.o_ret - ch.l_at ELSE 0 END AS secs
              FROM ch WHERE ch.l_year IS NOT NULL
        ), sy AS (
            INSERT INTO bua.sum_year AS y (centre, year, items_lent, returned, loan_seconds)
            SELECT d.centre, d.year, sum(d.items), sum(d.ret), sum(d.secs)
              FROM d GROUP BY d.centre, d.year
            HAVING sum(d.items) <> 0 OR sum(d.ret) <> 0 OR sum(d.secs) <> 0
            ON CONFLICT (centre, year) DO UPDATE SET
                items_lent = y.items_lent + excluded.items_lent,
                returned = y.returned + excluded.returned,
                loan_seconds = y.loan_seconds + excluded.loan_seconds
            RETURNING y.centre, y.year, y.loans = 0 AND y.items_lent = 0 AND y.borrowers = 0
                AND y.new_borrowers = 0 AND y.returned = 0 AND y.loan_seconds = 0 AS empty
        )
        SELECT array_agg(sy.centre), array_agg(sy.year) INTO z_centres, z_years
          FROM sy WHERE sy.empty;
        -- a year whose figures all fell to 0 goes (as bua.sum_add does)
        IF z_centres IS NOT NULL THEN
            DELETE FROM bua.sum_year y
             USING unnest(z_centres, z_years) z(centre, year)
             WHERE y.centre = z.centre AND y.year = z.year
               AND y.loans = 0 AND y.items_lent = 0 AND y.borrowers = 0
               AND y.new_borrowers = 0 AND y.returned = 0 AND y.loan_seconds = 0;
        END IF;
    END IF;
    -- the rest one by one, each statement planned for its event (the state tables' sizes)
    PERFORM set_config('plan_cache_mode', 'force_custom_plan', true),
            set_config('enable_seqscan', seqscan, true);
    FOR e IN SELECT n.* FROM new_events n
              WHERE n.tbl IN ('loan', 'loan_line', 'borrower')
                AND (n.centre, n.device, n.seq) NOT IN (
                        SELECT f.centre, f.device, f.seq FROM unnest(borrowers) f
                        UNION ALL
                        SELECT f.centre, f.device, f.seq FROM unnest(loans) f
                        UNION ALL
                        SELECT f.centre, f.device, f.seq FROM unnest(lines) f)
              ORDER BY n.centre, n.device, n.seq LOOP
        PERFORM bua.apply_event(e);
    END LOOP;
    RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION bua.events_applied() FROM PUBLIC;
DROP TRIGGER IF EXISTS events_applied ON bua.event;
CREATE TRIGGER events_applied AFTER INSERT ON bua.event
    REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT
    EXECUTE FUNCTION bua.events_applied();

-- The summaries counted from the state tables (what the triggers' additions and take-backs
-- amount to): used by bua.rebuild(). A year's lines are those whose copy of their loan's time
-- falls in the year (one range of st_line_year per centre and year that has loans: every
-- counted loan is in sum_borrower). Only the schema's owner may run it.
CREATE OR REPLACE FUNCTION bua.count_summaries() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    TRUNCATE bua.sum_year, bua.sum_borrower;
    INSERT INTO bua.sum_borrower (centre, year, borrower, loans)
    SELECT l.centre, l.year, coalesce(b.person, l.borrower), count(*)
      FROM bua.st_loan l
      LEFT JOIN bua.st_borrower b ON b.centre = l.centre AND b.gid = l.borrower
     WHERE NOT l.gone AND l.year IS NOT NULL
     GROUP BY 1, 2, 3;

    INSERT INTO bua.sum_year (centre, year, loans, items_lent, borrowers, new_borrowers,
            returned, loan_seconds)
    SELECT k.centre, k.year, coalesce(sum(k.loans), 0), coalesce(sum(k.items), 0),
           coalesce(sum(k.borrowers), 0), coalesce(sum(k.new), 0), coalesce(sum(k.returned), 0),
           coalesce(sum(k.secs), 0)
      FROM (SELECT centre, year, loans, 0 AS items, 1 AS borrowers, 0 AS new, 0 AS returned,
                   0 AS secs
              FROM bua.sum_borrower
            UNION ALL
            SELECT y.centre, y.year, 0, x.items, 0, 0, x.returned, x.secs
              FROM (SELECT y.centre, y.year,
                           extract(epoch FROM make_timestamptz(y.year, 1, 1, 0, 0, 0, c.tz))::bigint
                               AS lo,
                           extract(epoch FROM make_timestamptz(y.year + 1, 1, 1, 0, 0, 0, c.tz))
                               ::bigint AS hi
                      FROM (SELECT DISTINCT centre, year FROM bua.sum_borrower) y
                      JOIN bua.centre c ON c.code = y.centre) y
             CROSS JOIN LATERAL (
                    SELECT count(*) AS items,
                           count(*) FILTER (WHERE ll.returned_at IS NOT NULL
                                            AND ll.lost_at IS NULL) AS returned,
                           coalesce(sum(ll.returned_at - ll.loan_at)
                                    FILTER (WHERE ll.returned_at IS NOT NULL
                                            AND ll.lost_at IS NULL), 0) AS secs
                      FROM bua.st_line ll
                     WHERE ll.centre = y.centre AND ll.loan_at >= y.lo AND ll.loan_at < y.hi
                       AND NOT ll.gone) x
            UNION ALL
            SELECT f.centre, f.reg_year, 0, 0, 0, 1, 0, 0
              FROM (SELECT DISTINCT ON (b.centre, b.person) b.centre, b.reg_year
                      FROM bua.st_borrower b WHERE b.reg_year IS NOT NULL
                     ORDER BY b.centre, b.person, b.registered_at, b.gid) f) k
     GROUP BY k.centre, k.year
    HAVING sum(k.loans) <> 0 OR sum(k.items) <> 0 OR sum(k.borrowers) <> 0 OR sum(k.new) <> 0
        OR sum(k.returned) <> 0 OR sum(k.secs) <> 0;
END $$;
REVOKE ALL ON FUNCTION bua.count_summaries() FROM PUBLIC;

-- One centre's figures of a year counted again from the state tables, not from the summaries
-- (bua-admin report --national --verify compares them with sum_year), in the centre's time zone
-- tz: plain index ranges of the centre, so that the centres of a national recount are shared out
-- over parallel workers (PARALLEL SAFE; COST: what a call costs beside a row of bua.centre, so
-- that the planner does share them out).
--   loans, borrowers  the year's range of st_loan_year: its loans, and its distinct borrower
--                     gids less, per person with two or more gids in the centre (a bk on two or
--                     more st_borrower rows: few, found by st_borrower_alias: same_as names the
--                     bk's smallest gid, so a person missed there would show as a difference, never
--                     hide one), all but one of those gids that have a loan in
--                     the year; the same count as the distinct persons of the year's loans,
--                     without a look-up per loan
--   items_lent, returned, loan_seconds   the year's range of st_line_year (each line carries a
--                     copy of its loan's checkout time, held equal to it by a foreign key)
--   new_borrowers     the persons whose first registration (a row with a reg_year: not an
--                     anonymous key, not deleted) falls in the year: the registrations in the
--                     year (one range of st_borrower_reg), less, per person with two or more
--                     gids, those that are not the person's first
-- Its own statements never run in parallel (max_parallel_workers_per_gather = 0): it runs in the
-- parallel workers of --verify and in their leader, where a statement planned with --verify's
-- parallel settings would get a parallel plan that runs without workers, at about twice the cost.
CREATE OR REPLACE FUNCTION bua.recount_year(p_centre text, tz text, p_year integer,
    OUT loans bigint, OUT borrowers bigint, OUT items_lent bigint, OUT returned bigint,
    OUT loan_seconds bigint, OUT new_borrowers bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE COST 1000000 SET search_path = pg_catalog, pg_temp
    SET max_parallel_workers_per_gather = 0 AS $$
DECLARE
    lo bigint := extract(epoch FROM make_timestamptz(p_year, 1, 1, 0, 0, 0, tz))::bigint;
    hi bigint := extract(epoch FROM make_timestamptz(p_year + 1, 1, 1, 0, 0, 0, tz))::bigint;
    extra_gids bigint;
    extra_regs bigint;
BEGIN
    SELECT coalesce(sum(d.n), 0), count(*) INTO loans, borrowers
      FROM (SELECT l.borrower COLLATE "C", count(*) AS n FROM bua.st_loan l
             WHERE l.centre = p_centre AND l.at >= lo AND l.at < hi AND NOT l.gone
             GROUP BY 1) d;
    SELECT count(*) INTO new_borrowers FROM bua.st_borrower b
     WHERE b.centre = p_centre AND b.reg_year IS NOT NULL AND b.registered_at >= lo
       AND b.registered_at < hi;
    -- the persons with two or more gids: each one's gids with a loan in the year, its
    -- registrations in the year, and whether its first registration is in the year
    SELECT coalesce(sum(greatest(g.lent - 1, 0)), 0),
           coalesce(sum(g.regs - CASE WHEN g.first >= lo AND g.first < hi THEN 1 ELSE 0 END), 0)
      INTO extra_gids, extra_regs
      FROM (SELECT count(*) FILTER (WHERE r.lent) AS lent,
                   count(*) FILTER (WHERE r.reg AND r.registered_at >= lo AND r.registered_at < hi)
                       AS regs,
                   min(r.registered_at) FILTER (WHERE r.reg) AS first
              FROM (SELECT d.bk, b.registered_at, b.reg_year IS NOT NULL AS reg,
                           EXISTS (SELECT 1 FROM bua.st_loan l WHERE l.centre = p_centre
                                      AND l.borrower = b.gid AND l.at >= lo AND l.at < hi
                                      AND NOT l.gone OFFSET 0) AS lent -- per gid: few
                      FROM (SELECT DISTINCT s.bk FROM bua.st_borrower s
                             WHERE s.centre = p_centre AND s.same_as <> s.gid) d
                      JOIN bua.st_borrower b ON b.centre = p_centre AND b.bk = d.bk) r
             GROUP BY r.bk) g;
    borrowers := borrowers - extra_gids;
    new_borrowers := new_borrowers - extra_regs;
    SELECT count(*), count(*) FILTER (WHERE ll.returned_at IS NOT NULL AND ll.lost_at IS NULL),
           coalesce(sum(ll.returned_at - ll.loan_at)
                    FILTER (WHERE ll.returned_at IS NOT NULL AND ll.lost_at IS NULL), 0)
      INTO items_lent, returned, loan_seconds
      FROM bua.st_line ll
     WHERE ll.centre = p_centre AND ll.loan_at >= lo AND ll.loan_at < hi AND NOT ll.gone;
END $$;
REVOKE ALL ON FUNCTION bua.recount_year(text, text, integer) FROM PUBLIC;

-- Empties the derived tables and derives them again from the log alone: every row's newest
-- image by (at, device, seq), which is what applying the log event by event gives in any order
-- (the triggers keep the newest image), and the summaries counted from those rows, which is
-- what the triggers' additions and take-backs amount to; so the tables come out identical to
-- the live ones (national_state.sh compares them). Set-based, so that a national log of tens of
-- millions of events is rebuilt in minutes (one event at a time, in one transaction, the hot
-- summary rows would collect a version per event). Holds off new events meanwhile; clears the
-- sealed columns of erased borrowers' earlier images as the trigger does. Returns the events
-- read. Only the schema's owner (and whom it grants EXECUTE) may run it: `bua-sync rebuild`.
-- Speed (a national log of five years is tens of millions of events): the state tables' keys and
-- indexes are dropped for the bulk INSERTs and made again from their own definitions afterwards
-- (one sort each rather than an insertion per row); the newest image of each row is sorted out
-- by its key in the "C" collation (a byte comparison; only which events are the same row counts
-- here, not an order of words); the sorts and index builds get memory enough to stay off disk.
CREATE OR REPLACE FUNCTION bua.rebuild() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET work_mem = '256MB'
    SET maintenance_work_mem = '512MB' SET jit = off AS $$
DECLARE
    n bigint;
    remake text[];
    ddl text;
BEGIN
    LOCK TABLE bua.event IN SHARE MODE;
    -- the lines' copies of their loans' times are checked once at the end, in one statement,
    -- rather than line by line
    ALTER TABLE bua.st_line DROP CONSTRAINT IF EXISTS st_line_loan_at;
    TRUNCATE bua.st_item, bua.st_borrower, bua.st_loan, bua.st_line, bua.sum_year,
        bua.sum_borrower;
    -- the state tables' primary keys and indexes, as they are defined, to make again below
    SELECT array_agg(x.ddl ORDER BY x.k, x.name) INTO remake
      FROM (SELECT 0 AS k, c.conname AS name,
                   format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
                          pg_get_constraintdef(c.oid)) AS ddl
              FROM pg_constraint c
             WHERE c.contype IN ('p', 'u') AND c.conrelid IN ('bua.st_item'::regclass,
                   'bua.st_borrower'::regclass, 'bua.st_loan'::regclass, 'bua.st_line'::regclass)
            UNION ALL
            SELECT 1, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
              FROM pg_index i
             WHERE i.indrelid IN ('bua.st_item'::regclass, 'bua.st_borrower'::regclass,
                   'bua.st_loan'::regclass, 'bua.st_line'::regclass)
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)) x;
    FOR ddl IN SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname)
                 FROM pg_constraint c
                WHERE c.contype IN ('p', 'u') AND c.conrelid IN ('bua.st_item'::regclass,
                      'bua.st_borrower'::regclass, 'bua.st_loan'::regclass,
                      'bua.st_line'::regclass)
               UNION ALL
               SELECT format('DROP INDEX %s', i.indexrelid::regclass)
                 FROM pg_index i
                WHERE i.indrelid IN ('bua.st_item'::regclass, 'bua.st_borrower'::regclass,
                      'bua.st_loan'::regclass, 'bua.st_line'::regclass)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
    LOOP
        EXECUTE ddl;
    END LOOP;
    SELECT count(*) INTO n FROM bua.event;

    INSERT INTO bua.st_item (centre, gid, barcode, name, category, status, gone, v_at, v_dev,
            v_seq)
    SELECT DISTINCT ON (e.centre COLLATE "C", e.gid COLLATE "C") e.centre, e.gid,
           e.row->>'barcode', e.row->>'name', e.row->>'category_id', (e.row->>'status')::integer,
           e.op = 'del', e.at, e.device, e.seq
      FROM bua.event e WHERE e.tbl = 'item'
     ORDER BY e.centre COLLATE "C", e.gid COLLATE "C", e.at DESC, e.device DESC, e.seq DESC;

    INSERT INTO bua.st_loan (centre, gid, borrower, at, year, gone, v_at, v_dev, v_seq)
    SELECT x.centre, x.gid, x.borrower, x.t, bua.local_year(x.t, c.tz), x.gone, x.at, x.device,
           x.seq
      FROM (SELECT DISTINCT ON (e.centre COLLATE "C", e.gid COLLATE "C") e.centre, e.gid, e.at,
                   e.device, e.seq,
                   e.op = 'del' AS gone,
                   CASE WHEN e.op = 'put' THEN e.row->>'borrower_id' END AS borrower,
                   CASE WHEN e.op = 'put' THEN (e.row->>'checked_out_at')::bigint END AS t
              FROM bua.event e WHERE e.tbl = 'loan'
             ORDER BY e.centre COLLATE "C", e.gid COLLATE "C", e.at DESC, e.device DESC,
                      e.seq DESC) x
      JOIN bua.centre c ON c.code = x.centre;

    INSERT INTO bua.st_line (centre, loan, seq, item, due_at, returned_at, lost_at, gone, v_at,
            v_dev, v_seq, loan_at)
    SELECT y.*, l.at
      FROM (
    SELECT DISTINCT ON (x.centre COLLATE "C", x.loan COLLATE "C", x.k_seq) x.centre, x.loan,
           x.k_seq,
           CASE WHEN x.op = 'put' THEN x.row->>'item_id' END,
           CASE WHEN x.op = 'put' THEN (x.row->>'due_at')::bigint END,
           CASE WHEN x.op = 'put' THEN (x.row->>'returned_at')::bigint END,
           CASE WHEN x.op = 'put' THEN (x.row->>'lost_at')::bigint END,
           x.op = 'del', x.at, x.device, x.seq
      FROM (SELECT e.*, coalesce(e.row->>'loan_id', regexp_replace(e.gid, '/[^/]*$', '')) AS loan,
                   coalesce((e.row->>'seq')::integer,
                            substring(e.gid FROM '/([0-9]+)$')::integer) AS k_seq
              FROM bua.event e WHERE e.tbl = 'loan_line') x
     ORDER BY x.centre COLLATE "C", x.loan COLLATE "C", x.k_seq, x.at DESC, x.device DESC,
              x.seq DESC) y
      LEFT JOIN bua.st_loan l ON l.centre = y.centre AND l.gid = y.loan AND NOT l.gone;

    INSERT INTO bua.st_borrower (centre, gid, bk, same_as, person, birth_year, municipality,
            registered_at, reg_year, erased_at, key_only, gone, v_at, v_dev, v_seq)
    SELECT x.centre, x.gid, x.bk,
           CASE WHEN x.bk IS NULL THEN x.gid
                ELSE min(x.gid) OVER (PARTITION BY x.centre, x.bk) END,
           coalesce(x.bk, x.gid), x.birth_year, x.municipality, x.registered_at,
           CASE WHEN x.gone OR x.key_only THEN NULL
                ELSE bua.local_year(x.registered_at, c.tz) END,
           x.erased_at, x.key_only, x.gone, x.at, x.device, x.seq
      FROM (SELECT DISTINCT ON (e.centre COLLATE "C", e.gid COLLATE "C") e.centre, e.gid, e.at,
                   e.device, e.seq,
                   e.op = 'del' AS gone,
                   CASE WHEN e.op = 'put' THEN nullif(e.bk, '') END AS bk,
                   CASE WHEN e.op = 'put' THEN (e.row->>'birth_year')::integer END AS birth_year,
                   CASE WHEN e.op = 'put' THEN e.row->>'municipality' END AS municipality,
                   CASE WHEN e.op = 'put' THEN (e.row->>'registered_at')::bigint END
                       AS registered_at,
                   CASE WHEN e.op = 'put' THEN (e.row->>'erased_at')::bigint END AS erased_at,
                   e.op = 'put' AND coalesce((e.row->>'key_only')::integer, 0) <> 0 AS key_only
              FROM bua.event e WHERE e.tbl = 'borrower'
             ORDER BY e.centre COLLATE "C", e.gid COLLATE "C", e.at DESC, e.device DESC,
                      e.seq DESC) x
      JOIN bua.centre c ON c.code = x.centre;

    FOREACH ddl IN ARRAY remake LOOP
        EXECUTE ddl;
    END LOOP;
    ALTER TABLE bua.st_line ADD CONSTRAINT st_line_loan_at FOREIGN KEY (centre, loan, loan_at)
        REFERENCES bua.st_loan (centre, gid, at) ON UPDATE CASCADE;

    PERFORM bua.count_summaries();

    UPDATE bua.event e SET sealed = NULL
      FROM bua.st_borrower b
     WHERE e.tbl = 'borrower' AND e.sealed IS NOT NULL AND e.row->>'erased_at' IS NULL
       AND b.centre = e.centre AND b.gid = e.gid AND b.erased_at IS NOT NULL;
    -- the emptied tables' statistics went with TRUNCATE (see the ANALYZE at the end of this file)
    ANALYZE bua.st_item, bua.st_borrower, bua.st_loan, bua.st_line, bua.sum_year, bua.sum_borrower;
    RETURN n;
END $$;
REVOKE ALL ON FUNCTION bua.rebuild() FROM PUBLIC;

-- Sets every line's copy of its loan's time from st_loan (a server set up before the copies
-- existed; the benchmark's generated state). Returns the lines changed. Owner only.
CREATE OR REPLACE FUNCTION bua.line_times() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    n bigint;
BEGIN
    UPDATE bua.st_line ll SET loan_at = x.at
      FROM (SELECT ll.centre, ll.loan, ll.seq, l.at
              FROM bua.st_line ll
              LEFT JOIN bua.st_loan l ON l.centre = ll.centre AND l.gid = ll.loan AND NOT l.gone
             WHERE ll.loan_at IS DISTINCT FROM l.at) x
     WHERE ll.centre = x.centre AND ll.loan = x.loan AND ll.seq = x.seq;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$;
REVOKE ALL ON FUNCTION bua.line_times() FROM PUBLIC;

-- the copies' foreign key, made once (with the copies filled first) on an older server
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'st_line_loan_at'
                   AND conrelid = 'bua.st_line'::regclass) THEN
        PERFORM bua.line_times();
        ALTER TABLE bua.st_line ADD CONSTRAINT st_line_loan_at FOREIGN KEY (centre, loan, loan_at)
            REFERENCES bua.st_loan (centre, gid, at) ON UPDATE CASCADE;
    END IF;
END $$;

-- Statistics for the planner from the start: a table never analysed is planned as ten pages
-- whatever its size, and a batch's look-ups by key then become walks of a whole centre (st_loan
-- by st_loan_year) while autovacuum has not come round yet (a new server filled fast: a centre's
-- history, the national benchmark). Once analysed, even empty, the planner scales its estimates
-- with the tables' real size. Cheap: ANALYZE reads a sample.
ANALYZE bua.centre, bua.device, bua.event, bua.st_item, bua.st_borrower, bua.st_loan, bua.st_line, bua.sum_year, bua.sum_borrower;

-- ---- the national role ------------------------------------------------------------------------

-- Whoever runs the national picture logs in with a role that is a member of bua_national: it
-- reads the centres and their yearly figures, nothing else (no events, no state, no borrowers).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bua_national') THEN
        CREATE ROLE bua_national NOLOGIN;
    END IF;
END $$;
GRANT USAGE ON SCHEMA bua TO bua_national;
GRANT SELECT ON bua.centre, bua.sum_year TO bua_national;
-- if the log's part protects bua.centre with row-level security, the national role sees all
DROP POLICY IF EXISTS centre_national ON bua.centre;
CREATE POLICY centre_national ON bua.centre FOR SELECT TO bua_national USING (true);
