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
