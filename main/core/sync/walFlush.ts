import fs from 'node:fs';
import type { Store } from '../store/db';

/**
 * Group commit with the flush off the event loop. The drain commits its transactions to SQLite's
 * write-ahead log without waiting for the disk (synchronous = NORMAL: the frames are written, not yet
 * flushed), then asks for `durable()`: one fsync of the WAL file on libuv's thread pool, shared by
 * every commit made before it started. Whatever depends on those commits being on disk (sending a
 * message, telling anyone a command is sent) waits for that promise. That is the same guarantee as
 * synchronous = FULL (which fsyncs the same file inside the commit), without blocking the event loop
 * for the length of a disk flush on every cycle.
 *
 * Why this is sound: in WAL mode a commit appends its frames (and the commit marker) to `<db>-wal`
 * with write(2) before returning; an fsync of that file started afterwards makes them durable, and
 * SQLite itself syncs the WAL before any checkpoint copies it into the database. Where the store is
 * not a WAL file on disk, or a flush fails, the helper falls back to a synchronous FULL commit.
 */
export class WalFlusher {
  private readonly walPath: string | null;
  /** The flush running now, and the one that will start after it for commits made meanwhile. */
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private flushes = 0;
  private flushMs = 0;
  /** `PRAGMA synchronous` prepared once (db.pragma() compiles the statement on every call). */
  private readonly syncNormal;
  private readonly syncFull;

  constructor(private readonly store: Store) {
    let wal: string | null = null;
    try {
      const mode = String(store.db.pragma('journal_mode', { simple: true })).toLowerCase();
      if (mode === 'wal' && !store.db.memory && store.db.name) wal = `${store.db.name}-wal`;
    } catch {
      wal = null;
    }
    this.walPath = wal;
    this.syncNormal = store.db.prepare('PRAGMA synchronous = NORMAL');
    this.syncFull = store.db.prepare('PRAGMA synchronous = FULL');
  }

  /** Whether commits may skip the in-commit flush (otherwise `commit` flushes synchronously). */
  get asynchronous(): boolean {
    return this.walPath !== null;
  }

  /** Flushes done and their total time in ms (benchmarks). */
  get stats(): { flushes: number; ms: number } {
    return { flushes: this.flushes, ms: Math.round(this.flushMs) };
  }

  /**
   * Runs `fn` in one transaction committed without a flush to disk (still safe from a crash of this
   * process): call `durable()` before acting on it. The connection is back at FULL afterwards, as the
   * rest of the store expects (like Store.withoutFsync, with the pragmas prepared once).
   */
  commitUnflushed<T>(fn: () => T): T {
    this.syncNormal.run();
    try {
      return this.store.transaction(fn);
    } finally {
      this.syncFull.run();
    }
  }

  /** Resolves once every commit made before this call is on disk. */
  durable(): Promise<void> {
    if (!this.walPath) return Promise.resolve();
    if (!this.running) {
      this.running = this.flush().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    // A flush is running, but it may have started before the latest commit: join the next one. It
    // starts when the running one settles, whether that flush succeeded or failed.
    if (!this.queued) {
      const next = () => {
        this.queued = null;
        return this.durable();
      };
      this.queued = this.running.then(next, next);
    }
    return this.queued;
  }

  private async flush(): Promise<void> {
    const path = this.walPath!;
    const t0 = performance.now();
    try {
      const fh = await fs.promises.open(path, 'r+');
      try {
        // fdatasync, as SQLite itself uses: the data and the size, not the timestamps (which would
        // cost a journal commit of the file system on every flush).
        await fh.datasync();
      } finally {
        await fh.close();
      }
      this.flushes++;
      this.flushMs += performance.now() - t0;
    } catch {
      // The WAL could not be flushed from here (e.g. the store was closed and the WAL removed after
      // its final checkpoint, which synced everything): a FULL commit flushes the WAL if the store is
      // still open; if it is closed, its close already made everything durable.
      if (this.store.isOpen) this.store.transaction(() => this.store.kv.set('sync.walFlush', new Date().toISOString()));
      this.flushes++;
    }
  }
}
