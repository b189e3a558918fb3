import { AUDIT_GENESIS, auditHash, type AuditRow } from './repos/audit';
import type { Db } from './sqlite';

export interface Migration {
  version: number;
  name: string;
  up: (db: Db) => void;
}

// Versioned migrations, run in order at open inside one transaction each; PRAGMA user_version holds
// the version reached. Never edit a migration that has shipped: add a new one.
export const migrations: Migration[] = [
  {
    version: 1,
    name: 'cache, drafts, outbox, notifications, advisories, audit',
    up: (db) =>
      db.exec(`
        -- Citizens: person status as DFDG last answered; access = what DFDG/checkAccess last said.
        CREATE TABLE citizens (
          id INTEGER PRIMARY KEY,
          cpr TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          data TEXT NOT NULL,
          fetched_at TEXT,
          last_used_at TEXT,
          access TEXT NOT NULL DEFAULT 'unknown' CHECK (access IN ('allowed', 'denied', 'unknown')),
          deceased INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX citizens_last_used ON citizens(last_used_at);
        CREATE VIRTUAL TABLE citizens_fts USING fts5(name, content='citizens', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
        CREATE TRIGGER citizens_ai AFTER INSERT ON citizens BEGIN
          INSERT INTO citizens_fts(rowid, name) VALUES (new.id, new.name);
        END;
        CREATE TRIGGER citizens_ad AFTER DELETE ON citizens BEGIN
          INSERT INTO citizens_fts(citizens_fts, rowid, name) VALUES ('delete', old.id, old.name);
        END;
        CREATE TRIGGER citizens_au AFTER UPDATE OF name ON citizens BEGIN
          INSERT INTO citizens_fts(citizens_fts, rowid, name) VALUES ('delete', old.id, old.name);
          INSERT INTO citizens_fts(rowid, name) VALUES (new.id, new.name);
        END;

        -- When each part of a citizen's data was last fetched from DFDG.
        CREATE TABLE cache_meta (
          cpr TEXT NOT NULL,
          part TEXT NOT NULL,
          fetched_at TEXT NOT NULL,
          PRIMARY KEY (cpr, part)
        ) WITHOUT ROWID;

        -- Dialogmodul messages (subject and body in columns for FTS; the rest as JSON).
        CREATE TABLE messages (
          rid INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          cpr TEXT NOT NULL,
          response_to TEXT,
          context_type INTEGER NOT NULL,
          channel INTEGER NOT NULL,
          subject TEXT NOT NULL,
          body TEXT NOT NULL,
          data TEXT NOT NULL,
          created_at TEXT NOT NULL,
          fetched_at TEXT NOT NULL
        );
        CREATE INDEX messages_cpr ON messages(cpr, created_at);
        CREATE INDEX messages_response_to ON messages(response_to);
        CREATE VIRTUAL TABLE messages_fts USING fts5(subject, body, content='messages', content_rowid='rid', tokenize='unicode61 remove_diacritics 2');
        CREATE TRIGGER messages_ai AFTER INSERT ON messages BEGIN
          INSERT INTO messages_fts(rowid, subject, body) VALUES (new.rid, new.subject, new.body);
        END;
        CREATE TRIGGER messages_ad AFTER DELETE ON messages BEGIN
          INSERT INTO messages_fts(messages_fts, rowid, subject, body) VALUES ('delete', old.rid, old.subject, old.body);
        END;
        CREATE TRIGGER messages_au AFTER UPDATE OF subject, body ON messages BEGIN
          INSERT INTO messages_fts(messages_fts, rowid, subject, body) VALUES ('delete', old.rid, old.subject, old.body);
          INSERT INTO messages_fts(rowid, subject, body) VALUES (new.rid, new.subject, new.body);
        END;

        -- Message documents: metadata here, bytes in the blob store once fetched (sha256).
        CREATE TABLE documents (
          id TEXT PRIMARY KEY,
          cpr TEXT NOT NULL,
          message_id TEXT NOT NULL,
          file_name TEXT NOT NULL,
          mime_type TEXT NOT NULL,
          size INTEGER NOT NULL,
          sha256 TEXT,
          fetched_at TEXT
        );
        CREATE INDEX documents_cpr ON documents(cpr);

        CREATE TABLE absences (
          id TEXT PRIMARY KEY,
          cpr TEXT NOT NULL,
          data TEXT NOT NULL,
          pending_command_id TEXT,
          hidden INTEGER NOT NULL DEFAULT 0,
          fetched_at TEXT
        );
        CREATE INDEX absences_cpr ON absences(cpr);

        CREATE TABLE activities (
          id TEXT PRIMARY KEY,
          cpr TEXT NOT NULL,
          data TEXT NOT NULL,
          pending_command_id TEXT,
          fetched_at TEXT
        );
        CREATE INDEX activities_cpr ON activities(cpr);

        CREATE TABLE meetings (id TEXT PRIMARY KEY, cpr TEXT NOT NULL, data TEXT NOT NULL, fetched_at TEXT);
        CREATE INDEX meetings_cpr ON meetings(cpr);
        CREATE TABLE joblog (id TEXT PRIMARY KEY, cpr TEXT NOT NULL, data TEXT NOT NULL, fetched_at TEXT);
        CREATE INDEX joblog_cpr ON joblog(cpr);

        CREATE TABLE drafts (
          id TEXT PRIMARY KEY,
          cpr TEXT NOT NULL,
          data TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX drafts_cpr ON drafts(cpr);

        CREATE TABLE templates (id TEXT PRIMARY KEY, data TEXT NOT NULL, updated_at TEXT NOT NULL);

        CREATE TABLE code_lists (name TEXT PRIMARY KEY, items TEXT NOT NULL, fetched_at TEXT NOT NULL);

        -- Every WSRM item received, once (MessageIdentifier), kept until purged with the citizen.
        CREATE TABLE notifications (
          message_identifier TEXT PRIMARY KEY,
          kind TEXT NOT NULL,
          cpr TEXT NOT NULL,
          data TEXT NOT NULL,
          received_at TEXT NOT NULL
        );
        CREATE INDEX notifications_cpr ON notifications(cpr);

        CREATE TABLE advisories (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL,
          cpr TEXT NOT NULL,
          citizen_name TEXT,
          title TEXT NOT NULL,
          created_at TEXT NOT NULL,
          due_date TEXT,
          status TEXT NOT NULL CHECK (status IN ('open', 'in-progress', 'done')),
          taken_by TEXT,
          taken_at TEXT,
          done_at TEXT,
          source_message_identifier TEXT,
          entity_id TEXT,
          UNIQUE (source_message_identifier, kind)
        );
        CREATE INDEX advisories_status ON advisories(status, due_date);
        CREATE INDEX advisories_cpr ON advisories(cpr);

        -- The durable outbox (sync/outbox.ts). seq orders commands per citizen; request_id is the
        -- stable x-requestId; uncertain = 1 when the last attempt may have reached DFDG.
        CREATE TABLE outbox (
          id TEXT PRIMARY KEY,
          seq INTEGER NOT NULL UNIQUE,
          kind TEXT NOT NULL,
          cpr TEXT NOT NULL,
          -- The organisation that created it ('akasse:067'); only that organisation's identity sends it.
          org TEXT NOT NULL,
          citizen_name TEXT,
          summary TEXT NOT NULL,
          payload TEXT NOT NULL,
          request_id TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'rejected', 'cancelled')),
          attempts INTEGER NOT NULL DEFAULT 0,
          uncertain INTEGER NOT NULL DEFAULT 0,
          depends_on TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          first_attempt_at TEXT,
          last_attempt_at TEXT,
          next_attempt_at TEXT,
          sent_at TEXT,
          receipt TEXT,
          error TEXT
        );
        CREATE INDEX outbox_pending ON outbox(cpr, seq) WHERE state IN ('queued', 'sending', 'failed');
        CREATE INDEX outbox_state ON outbox(state, seq);
        CREATE INDEX outbox_depends ON outbox(depends_on) WHERE depends_on IS NOT NULL;

        -- The access log (audit/). CPR is kept here because a citizen's access request needs it.
        CREATE TABLE audit (
          id INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          user_identifier TEXT NOT NULL,
          user_name TEXT NOT NULL,
          organisation_type INTEGER NOT NULL,
          organisation_code TEXT NOT NULL,
          cpr TEXT,
          action TEXT NOT NULL,
          source TEXT NOT NULL,
          purpose TEXT NOT NULL,
          outcome TEXT NOT NULL
        );
        CREATE INDEX audit_cpr ON audit(cpr, id);

        CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      `),
  },
  {
    version: 2,
    name: 'vocabulary of message text for fast prefix search; outbox queue order index',
    up: (db) => {
      // FTS5 answers a prefix query ("prakt"*) by merging the whole doclist of every matching term,
      // which is slow for common words in a large caseload. We keep the distinct terms ourselves and
      // expand a prefix into exact terms, which FTS5 streams newest-first and stops after the limit.
      db.exec(`
        CREATE TABLE message_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE VIRTUAL TABLE temp.message_vocab USING fts5vocab(main, messages_fts, 'row');
        INSERT OR IGNORE INTO message_terms (term) SELECT term FROM temp.message_vocab;
        DROP TABLE temp.message_vocab;
        -- The drain reads pending commands oldest first.
        CREATE INDEX outbox_pending_seq ON outbox(seq) WHERE state IN ('queued', 'sending', 'failed');
      `);
    },
  },
  {
    version: 3,
    name: 'audit log: hash chain, append-only triggers, retention anchors',
    up: (db) => {
      db.exec(`
        ALTER TABLE audit ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
        ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';
        -- Where the retention purge removed the oldest entries: the last one removed, so the first kept
        -- entry still continues a known hash (repos/audit.ts).
        CREATE TABLE audit_anchor (
          id INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          through_id INTEGER NOT NULL,
          through_hash TEXT NOT NULL,
          through_at TEXT NOT NULL,
          removed INTEGER NOT NULL
        );
      `);
      // The entries written so far are chained now, in the order they were written (this cannot vouch
      // for what happened to them before: from here on, a change shows).
      const rows = db.prepare<[], Omit<AuditRow, 'prev_hash' | 'hash'>>('SELECT id, at, user_identifier, user_name, organisation_type, organisation_code, cpr, action, source, purpose, outcome FROM audit ORDER BY id').all();
      const set = db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?');
      let prev = AUDIT_GENESIS;
      for (const r of rows) {
        const hash = auditHash(prev, r);
        set.run(prev, hash, r.id);
        prev = hash;
      }
      // Append-only: no entry is ever changed; one is deleted only when a retention anchor covers it; a
      // new one must continue the chain. An anchor must name a kept entry older than 5 years (the
      // retention period, AUDIT_RETENTION_YEARS), go beyond the previous anchor, and is never changed.
      db.exec(`
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
          SELECT RAISE(ABORT, 'audit: entries are never changed');
        END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
          WHEN NOT EXISTS (SELECT 1 FROM audit_anchor WHERE through_id >= old.id)
        BEGIN
          SELECT RAISE(ABORT, 'audit: entries are removed only by the retention purge');
        END;
        CREATE TRIGGER audit_chain BEFORE INSERT ON audit
          WHEN length(new.hash) != 64
            OR new.id <= coalesce((SELECT max(id) FROM audit), (SELECT max(through_id) FROM audit_anchor), 0)
            OR new.prev_hash IS NOT coalesce(
                 (SELECT hash FROM audit ORDER BY id DESC LIMIT 1),
                 (SELECT through_hash FROM audit_anchor ORDER BY through_id DESC LIMIT 1),
                 '${AUDIT_GENESIS}')
        BEGIN
          SELECT RAISE(ABORT, 'audit: an entry must continue the chain');
        END;
        CREATE TRIGGER audit_anchor_check BEFORE INSERT ON audit_anchor
          WHEN NOT EXISTS (SELECT 1 FROM audit WHERE id = new.through_id AND hash = new.through_hash AND at = new.through_at)
            OR new.through_at >= strftime('%Y-%m-%dT%H:%M:%fZ', new.at, '-5 years')
            OR new.through_id <= coalesce((SELECT max(through_id) FROM audit_anchor), 0)
        BEGIN
          SELECT RAISE(ABORT, 'audit: an anchor must name a kept entry older than the retention period');
        END;
        CREATE TRIGGER audit_anchor_no_update BEFORE UPDATE ON audit_anchor BEGIN
          SELECT RAISE(ABORT, 'audit: anchors are never changed');
        END;
        CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor BEGIN
          SELECT RAISE(ABORT, 'audit: anchors are never removed');
        END;
      `);
    },
  },
  {
    version: 4,
    name: 'what a type 11 recommendation proposed and what the jobcenter decided, as data (shared/recommendationOutcome)',
    up: (db) => {
      // DFDG's message carries neither: the proposal is the a-kasse's structured form, the decision the
      // jobcenter's answer form and the activity it created. Kept while the citizen is cached (the
      // outbox rows they come from are removed after the retention period); purged with the citizen.
      db.exec(`
        CREATE TABLE recommendation_facts (
          message_id TEXT PRIMARY KEY,
          cpr TEXT NOT NULL,
          proposal TEXT,
          decision TEXT CHECK (decision IN ('grant', 'reject')),
          decided_at TEXT,
          activity_id TEXT
        ) WITHOUT ROWID;
        CREATE INDEX recommendation_facts_cpr ON recommendation_facts(cpr);
        -- The a-kasse's type 11s already sent, from the outbox rows still there.
        INSERT OR IGNORE INTO recommendation_facts (message_id, cpr, proposal)
          SELECT json_extract(receipt, '$.entityId'), cpr, json_extract(payload, '$.draft.recommendation')
          FROM outbox
          WHERE state = 'sent' AND kind = 'message.create' AND json_extract(payload, '$.contextType') = 11
            AND json_extract(receipt, '$.entityId') IS NOT NULL AND json_extract(payload, '$.draft.recommendation') IS NOT NULL;
        -- The jobcenter's answers and the activities they created, already sent.
        INSERT INTO recommendation_facts (message_id, cpr, decision, decided_at)
          SELECT json_extract(payload, '$.recommendationMessageId'), cpr, json_extract(payload, '$.decision'), coalesce(sent_at, updated_at)
          FROM outbox WHERE state = 'sent' AND kind = 'recommendation.answer'
          ON CONFLICT(message_id) DO UPDATE SET decision = excluded.decision, decided_at = excluded.decided_at;
        INSERT INTO recommendation_facts (message_id, cpr, activity_id)
          SELECT json_extract(payload, '$.recommendationMessageId'), cpr, json_extract(payload, '$.activityId')
          FROM outbox WHERE state = 'sent' AND kind = 'activity.create' AND json_extract(payload, '$.recommendationMessageId') IS NOT NULL
          ON CONFLICT(message_id) DO UPDATE SET activity_id = excluded.activity_id;
      `);
    },
  },
  {
    version: 5,
    name: "hub mode: this desktop's copy of the organisation hub's team queue, and its outbox of team actions",
    up: (db) =>
      db.exec(`
        -- The hub's advisories as this desktop last heard of them (the change feed keeps it current).
        CREATE TABLE hub_advisories (
          id TEXT PRIMARY KEY,
          version INTEGER NOT NULL,
          status TEXT NOT NULL,
          kind TEXT NOT NULL,
          cpr TEXT NOT NULL,
          due_date TEXT,
          created_at TEXT NOT NULL,
          taken_by TEXT,
          done_at TEXT,
          data TEXT NOT NULL
        );
        -- The views' order (earliest due first, undated last, then oldest), for the work not done.
        CREATE INDEX hub_advisories_due ON hub_advisories(due_date IS NULL, due_date, created_at, id) WHERE status != 'done';
        CREATE INDEX hub_advisories_done ON hub_advisories(done_at DESC, id DESC) WHERE status = 'done';
        -- Take, release, complete, reopen made while the hub could not be reached: sent in order, once.
        CREATE TABLE hub_commands (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          advisory_id TEXT NOT NULL,
          action TEXT NOT NULL CHECK (action IN ('take', 'release', 'complete', 'reopen')),
          base_version INTEGER,
          created_at TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'refused', 'dismissed')),
          attempts INTEGER NOT NULL DEFAULT 0,
          message TEXT,
          finished_at TEXT
        );
        CREATE INDEX hub_commands_queued ON hub_commands(seq) WHERE state = 'queued';
        CREATE INDEX hub_commands_advisory ON hub_commands(advisory_id, seq);
      `),
  },
  {
    version: 6,
    name: 'meetings the caseworker creates, rebooks or cancels: their optimistic rows wait for the outbox (issue 13)',
    up: (db) =>
      db.exec(`
        ALTER TABLE meetings ADD COLUMN pending_command_id TEXT;
        ALTER TABLE meetings ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
      `),
  },
];

export const LATEST_VERSION = migrations[migrations.length - 1]!.version;

/** Runs every migration above the file's user_version; returns the versions applied. */
export function migrate(db: Db, list: Migration[] = migrations): number[] {
  const current = Number(db.pragma('user_version', { simple: true }));
  const newest = list.length ? list[list.length - 1]!.version : 0;
  if (current > newest) {
    throw new Error(`The database was written by a newer version of DFDG Desk (schema ${current}, this version knows ${newest}).`);
  }
  const applied: number[] = [];
  for (const m of list) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
