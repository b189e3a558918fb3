-- The organisation hub's schema, version 1. Every table carries the organisation (`org`, e.g.
-- 'jobcenter-10100') and every query filters on it, although one hub serves one organisation.

-- Caseworkers seen at the hub (from their client certificates), so an advisory can be handed to a
-- named colleague and the team lead sees everyone.
CREATE TABLE caseworkers (
  org text NOT NULL,
  id text NOT NULL,            -- the certificate's RID (serialNumber)
  name text NOT NULL,          -- the certificate's CN
  first_seen timestamptz NOT NULL DEFAULT now(),
  last_seen timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org, id)
);

-- Every WSRM message the hub took from DFDG, stored once (unique MessageIdentifier). One it could
-- not read is kept with its XML ('unreadable') or the error of its Get<Event> ('failed'): flagged,
-- never dropped.
CREATE TABLE notifications (
  id bigserial PRIMARY KEY,
  org text NOT NULL,
  message_identifier text NOT NULL,
  method text NOT NULL,
  cpr text,
  state text NOT NULL CHECK (state IN ('stored', 'unreadable', 'failed')),
  item jsonb,
  raw_xml text,
  error text,
  sequence_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  received_by text NOT NULL,   -- the replica that pulled it
  UNIQUE (org, message_identifier)
);
CREATE INDEX notifications_flagged ON notifications (org, id) WHERE state <> 'stored';

-- The team queue. status: open → in-progress (taken) → done; version + 1 on every change.
CREATE TABLE advisories (
  id uuid PRIMARY KEY,
  org text NOT NULL,
  notification_id bigint NOT NULL REFERENCES notifications (id),
  kind text NOT NULL,
  cpr text NOT NULL,
  citizen_name text,
  title text NOT NULL,
  created_at timestamptz NOT NULL,
  due_date date,
  due_key date GENERATED ALWAYS AS (coalesce(due_date, 'infinity'::date)) STORED,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in-progress', 'done')),
  taken_by text,
  taken_by_name text,
  taken_at timestamptz,
  done_by text,
  done_by_name text,
  done_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  source_message_identifier text NOT NULL,
  entity_id text,
  UNIQUE (org, source_message_identifier),
  CHECK ((status = 'in-progress') = (taken_by IS NOT NULL AND taken_at IS NOT NULL)),
  CHECK ((status = 'done') = (done_at IS NOT NULL))
);
-- Keyset order of every view: earliest due first (no due date last), then oldest, then id.
CREATE INDEX advisories_open ON advisories (org, due_key, created_at, id) WHERE status = 'open';
CREATE INDEX advisories_taken ON advisories (org, taken_by, due_key, created_at, id) WHERE status = 'in-progress';
CREATE INDEX advisories_active ON advisories (org, due_key, created_at, id) WHERE status <> 'done';
CREATE INDEX advisories_active_kind ON advisories (org, kind, due_key, created_at, id) WHERE status <> 'done';
CREATE INDEX advisories_done ON advisories (org, done_at DESC, id DESC) WHERE status = 'done';

-- Who did what, when, from which desktop (actor null: the hub's own intake).
CREATE TABLE audit (
  id bigserial PRIMARY KEY,
  org text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id text,
  actor_name text,
  desktop_id text,
  action text NOT NULL,
  advisory_id uuid,
  from_status text,
  to_status text,
  detail jsonb
);
CREATE INDEX audit_advisory ON audit (org, advisory_id, id);

-- The change feed. The id is taken only after the transaction has its xid (hub_next_change_id), so
-- a reader that finds a gap in the ids can tell when the gap is final: once every transaction that
-- was running when it saw the gap has ended (hub/feed.ts).
CREATE TABLE changes (
  id bigserial PRIMARY KEY,
  org text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  advisory_id uuid NOT NULL,
  op text NOT NULL,
  data jsonb NOT NULL
);
CREATE FUNCTION hub_next_change_id() RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_current_xact_id();
  RETURN nextval('changes_id_seq');
END
$$;
ALTER TABLE changes ALTER COLUMN id SET DEFAULT hub_next_change_id();
CREATE INDEX changes_org ON changes (org, id);
CREATE INDEX changes_at ON changes (at);

-- Small shared state: how far changes were pruned, the last pull.
CREATE TABLE hub_state (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
INSERT INTO hub_state (key, value) VALUES ('changes_pruned_through', '"0"');

-- An advisory as the API shows it (shared/hubApi.ts HubAdvisory), one definition for every query
-- and for the change feed.
CREATE FUNCTION hub_ts(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;
CREATE FUNCTION hub_advisory_json(a advisories) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', a.id,
    'kind', a.kind,
    'cpr', a.cpr,
    'citizenName', a.citizen_name,
    'title', a.title,
    'createdAt', hub_ts(a.created_at),
    'dueDate', a.due_date,
    'status', a.status,
    'takenBy', CASE WHEN a.taken_by IS NULL THEN NULL ELSE jsonb_build_object('id', a.taken_by, 'name', a.taken_by_name) END,
    'takenAt', hub_ts(a.taken_at),
    'doneBy', CASE WHEN a.done_by IS NULL THEN NULL ELSE jsonb_build_object('id', a.done_by, 'name', a.done_by_name) END,
    'doneAt', hub_ts(a.done_at),
    'version', a.version,
    'sourceMessageIdentifier', a.source_message_identifier,
    'entityId', a.entity_id
  )
$$;
