-- Version 2: the two helper functions every change statement calls, rewritten so that PostgreSQL
-- inlines them into the statement instead of running a function call per row. Same results.
--
-- hub_ts was declared IMMUTABLE around to_char (which is STABLE): PostgreSQL never inlines a
-- function whose body is more volatile than declared, so every advisory JSON (hub_advisory_json: three
-- timestamps) ran three SQL-function calls. Declared STABLE, the body is inlined.
CREATE OR REPLACE FUNCTION hub_ts(t timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- hub_next_change_id (the default of changes.id) in SQL instead of PL/pgSQL, so it is inlined. The
-- CASE still gives the transaction its xid before it takes the id (a CASE evaluates its condition
-- first), which the feed's gap rule needs (hub/feed.ts).
CREATE OR REPLACE FUNCTION hub_next_change_id() RETURNS bigint LANGUAGE sql VOLATILE AS $$
  SELECT CASE WHEN pg_current_xact_id() IS NOT NULL THEN nextval('changes_id_seq') END
$$;
