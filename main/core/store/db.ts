import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BlobStore } from './blobs';
import { migrate } from './migrations';
import { AdvisoryRepo } from './repos/advisories';
import { AuditRepo } from './repos/audit';
import { HubQueueRepo } from './repos/hubQueue';
import { CitizenRepo } from './repos/citizens';
import { ActivityRepo, CacheMetaRepo, PendingRepo, RecommendationFactsRepo, SimpleListRepo, type AbsenceRepo, type MeetingRepo } from './repos/caseData';
import { DraftRepo, TemplateRepo } from './repos/drafts';
import { MessageRepo } from './repos/messages';
import { CodeListRepo, KvRepo, NotificationRepo } from './repos/reference';
import { Database, type Db } from './sqlite';
import type { Absence, JoblogEntry, Meeting } from '../../../shared/domain';

export const DB_FILE_NAME = 'dfdg-desk.db';

/** Opening failed because the key does not fit the file (or the file is not a database). */
export class StoreKeyError extends Error {
  override readonly name = 'StoreKeyError';
  constructor(cause?: unknown) {
    super(
      'Den lokale database kunne ikke åbnes med den gemte nøgle. Filen er ikke ændret. ' +
        'Hvis nøglen er gået tabt (fx efter skift af bruger eller styresystemets nøglering), skal databasen nulstilles.',
      cause !== undefined ? { cause } : undefined,
    );
  }
}

export interface OpenStoreOptions {
  dataDir: string;
  /** 32 random bytes; Electron keeps it wrapped with safeStorage, tests pass one in. */
  key: Buffer;
  fileName?: string;
}

function keyDatabase(db: Db, key: Buffer): void {
  // SQLCipher v4 format; the key is used raw (it is random, so a passphrase KDF would only cost time).
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

/**
 * Opens (or creates) the encrypted store. The key is checked by reading the schema before anything is
 * written, so a wrong key throws StoreKeyError and leaves the file exactly as it was.
 */
export function openStore(opts: OpenStoreOptions): Store {
  if (!Buffer.isBuffer(opts.key) || opts.key.length !== 32) throw new Error('The store key must be 32 bytes');
  mkdirSync(opts.dataDir, { recursive: true });
  const file = join(opts.dataDir, opts.fileName ?? DB_FILE_NAME);
  const existed = existsSync(file);
  const db = new Database(file);
  try {
    keyDatabase(db, opts.key);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (e) {
      throw new StoreKeyError(e);
    }
    // Temporary tables, sort runs and temp b-trees stay in memory: sqlite3mc encrypts the database and
    // its WAL, not temporary files, and this build (TEMP_STORE=1) would put them on disk by default.
    db.pragma('temp_store = MEMORY');
    db.pragma('journal_mode = WAL');
    // FULL: a committed outbox row or draft survives power loss, not only a process crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return new Store(db, opts.dataDir, opts.key, existed);
}

/** The offline cache, drafts, outbox, notifications, advisories and audit log in one SQLite file. */
export class Store {
  readonly blobs: BlobStore;
  readonly citizens: CitizenRepo;
  readonly cacheMeta: CacheMetaRepo;
  readonly messages: MessageRepo;
  readonly absences: AbsenceRepo;
  readonly activities: ActivityRepo;
  readonly recommendations: RecommendationFactsRepo;
  readonly meetings: MeetingRepo;
  readonly joblog: SimpleListRepo<JoblogEntry>;
  readonly drafts: DraftRepo;
  readonly templates: TemplateRepo;
  readonly codeLists: CodeListRepo;
  readonly kv: KvRepo;
  readonly notifications: NotificationRepo;
  readonly advisories: AdvisoryRepo;
  readonly audit: AuditRepo;
  /** Hub mode: the organisation hub's team queue as this desktop holds it, and its team actions outbox. */
  readonly hubQueue: HubQueueRepo;
  private closed = false;

  constructor(
    readonly db: Db,
    readonly dataDir: string,
    key: Buffer,
    /** False when this open created the file. */
    readonly existed: boolean,
  ) {
    this.blobs = new BlobStore(dataDir, key);
    this.citizens = new CitizenRepo(db);
    this.cacheMeta = new CacheMetaRepo(db);
    this.messages = new MessageRepo(db);
    this.absences = new PendingRepo<Absence>(db, 'absences');
    this.activities = new ActivityRepo(db);
    this.recommendations = new RecommendationFactsRepo(db);
    this.meetings = new PendingRepo<Meeting>(db, 'meetings');
    this.joblog = new SimpleListRepo<JoblogEntry>(db, 'joblog');
    this.drafts = new DraftRepo(db);
    this.templates = new TemplateRepo(db);
    this.codeLists = new CodeListRepo(db);
    this.kv = new KvRepo(db);
    this.notifications = new NotificationRepo(db);
    this.advisories = new AdvisoryRepo(db);
    this.audit = new AuditRepo(db);
    this.hubQueue = new HubQueueRepo(db);
  }

  /** Runs `fn` in one SQLite transaction (immediate: takes the write lock up front). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /**
   * Runs `fn` with this connection's commits written to the WAL but not flushed to disk (still
   * crash-safe for the process; a power loss may lose them). The next normal commit flushes them too.
   */
  withoutFsync<T>(fn: () => T): T {
    this.db.pragma('synchronous = NORMAL');
    try {
      return fn();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  /**
   * Copies the WAL into the database and truncates it to 0 bytes (wal_checkpoint(TRUNCATE)), so pages
   * of rows just deleted no longer sit in `<db>-wal` while the app runs. Not inside a transaction (the
   * checkpoint cannot run there; the caller's commit comes first). Returns whether the WAL is now empty:
   * false when a reader held it (SQLite then checkpoints what it can and leaves the rest for the next time).
   */
  checkpoint(): boolean {
    if (this.closed || this.db.inTransaction) return false;
    const r = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    return r[0]?.busy === 0;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // best effort: the WAL is replayed at the next open anyway
    }
    this.db.close();
  }
}
