// The append-only journal (JSON lines) in the data dir: every mutation the sandbox accepts is
// written here before it answers, and replayed at start, so a restarted sandbox keeps what was sent
// to it. The first line names the population it belongs to; a journal for another seed or size is
// set aside (renamed), never mixed in.

import fs from 'node:fs';
import path from 'node:path';
import type { CitizenPatch, StoredAbsence, StoredActivity, StoredDocument, StoredJoblog, StoredMeeting, StoredMessage, StoredNotification } from './model';

/** A StoredMessage as a JSON line: the same fields, with each document's content in base64. */
export interface JournalMessage extends Omit<StoredMessage, 'documents'> {
  documents: (Omit<StoredDocument, 'content'> & { base64: string })[];
}

export interface JournalMeta {
  e: 'meta';
  v: 1;
  seed: number;
  citizens: number;
  baseDate: string;
}

export type Effect =
  | JournalMeta
  | { e: 'msg'; cpr: string; m: JournalMessage }
  | { e: 'abs'; cpr: string; a: StoredAbsence; change: 1 | 2; at: string; comment: string | null }
  | { e: 'absdel'; cpr: string; id: string; at: string; comment: string }
  | { e: 'act'; cpr: string; a: StoredActivity }
  | { e: 'actupd'; cpr: string; a: StoredActivity }
  | { e: 'meet'; cpr: string; m: StoredMeeting }
  | { e: 'meetput'; cpr: string; m: StoredMeeting }
  | { e: 'meetdel'; cpr: string; id: string }
  | { e: 'job'; cpr: string; j: StoredJoblog }
  | { e: 'patch'; cpr: string; p: CitizenPatch }
  | { e: 'notify'; org: string; n: StoredNotification }
  | { e: 'ack'; org: string; ids: string[] }
  | { e: 'rid'; org: string; id: string; at: number }
  | { e: 'key'; key: string };

export class Journal {
  private fd: number | null = null;
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'journal.jsonl');
  }

  /** Reads the journal; returns its effects if it belongs to `meta`'s population, else sets it aside. */
  load(expect: { seed: number; citizens: number }): { meta: JournalMeta | null; effects: Effect[] } {
    if (!fs.existsSync(this.file)) return { meta: null, effects: [] };
    const lines = fs.readFileSync(this.file, 'utf8').split('\n');
    const effects: Effect[] = [];
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        effects.push(JSON.parse(line) as Effect);
      } catch {
        // A torn last line after a crash: everything before it is intact.
        break;
      }
    }
    const first = effects[0];
    if (!first || first.e !== 'meta' || first.seed !== expect.seed || first.citizens !== expect.citizens) {
      fs.renameSync(this.file, `${this.file}.${Date.now()}.set-aside`);
      return { meta: null, effects: [] };
    }
    return { meta: first, effects: effects.slice(1) };
  }

  /** Starts a fresh journal (first start, or reset). */
  start(meta: JournalMeta): void {
    this.close();
    fs.writeFileSync(this.file, JSON.stringify(meta) + '\n');
    this.open();
  }

  open(): void {
    if (this.fd === null) this.fd = fs.openSync(this.file, 'a');
  }

  append(effect: Effect): void {
    if (this.fd === null) this.open();
    fs.writeSync(this.fd as number, JSON.stringify(effect) + '\n');
  }

  close(): void {
    if (this.fd !== null) {
      fs.closeSync(this.fd);
      this.fd = null;
    }
  }
}
