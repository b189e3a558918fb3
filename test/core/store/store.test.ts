import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, StoreKeyError, freshnessOf, openStore, type Store } from '../../../main/core/store';
import { migrate, migrations, type Migration } from '../../../main/core/store/migrations';
import { absence, citizen, CPR_A, CPR_B, message } from '../support/fixtures';
import { tempDataDir } from '../support/tmp';

let tmp: ReturnType<typeof tempDataDir>;
let store: Store | null = null;

beforeEach(() => {
  tmp = tempDataDir();
});
afterEach(() => {
  store?.close();
  store = null;
  tmp.cleanup();
});

const fileHash = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('encrypted store', () => {
  it('keeps names and message text unreadable on disk and readable with the key', () => {
    store = openStore({ dataDir: tmp.dir, key: tmp.key });
    store.citizens.upsert(citizen({ name: 'Mette Sørensen' }), { fetchedAt: '2026-11-22T09:00:00.000Z' });
    store.messages.upsertMany([message({ body: 'Hemmelig praktikaftale hos Bageriet' })], '2026-11-22T09:00:00.000Z');
    store.close();
    store = null;

    const raw = readFileSync(join(tmp.dir, DB_FILE_NAME));
    expect(raw.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(raw.includes(Buffer.from('Sørensen'))).toBe(false);
    expect(raw.includes(Buffer.from('Bageriet'))).toBe(false);

    store = openStore({ dataDir: tmp.dir, key: tmp.key });
    expect(store.citizens.get(CPR_A)?.citizen.name).toBe('Mette Sørensen');
    expect(store.messages.listByCpr(CPR_A)[0]?.body).toBe('Hemmelig praktikaftale hos Bageriet');
  });

  it('refuses a wrong key with a clear Danish error and leaves the file untouched', () => {
    store = openStore({ dataDir: tmp.dir, key: tmp.key });
    store.citizens.upsert(citizen());
    store.close();
    store = null;
    const file = join(tmp.dir, DB_FILE_NAME);
    const before = fileHash(file);
    const sizeBefore = statSync(file).size;

    let err: unknown;
    try {
      openStore({ dataDir: tmp.dir, key: randomBytes(32) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreKeyError);
    expect((err as Error).message).toMatch(/kunne ikke åbnes med den gemte nøgle/);
    expect(fileHash(file)).toBe(before);
    expect(statSync(file).size).toBe(sizeBefore);

    // And the right key still opens it with the data intact.
    store = openStore({ dataDir: tmp.dir, key: tmp.key });
    expect(store.citizens.get(CPR_A)).not.toBeNull();
  });

  it('runs migrations once, in WAL mode with synchronous=FULL and temporary data in memory, and refuses a newer schema', () => {
    store = openStore({ dataDir: tmp.dir, key: tmp.key });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    // sqlite3mc encrypts the database and its WAL but not temporary files (sorts, temp b-trees of
    // GROUP BY/DISTINCT, the FTS vocabulary view): they must never reach the disk.
    expect(store.db.pragma('temp_store', { simple: true })).toBe(2);
    const v = store.db.pragma('user_version', { simple: true });
    expect(v).toBeGreaterThanOrEqual(1);
    expect(migrate(store.db)).toEqual([]);

    const extra: Migration = { version: 999, name: 'test', up: (db) => db.exec('CREATE TABLE later (x)') };
    expect(migrate(store.db, [extra])).toEqual([999]);
    store.close();
    store = null;
    expect(() => openStore({ dataDir: tmp.dir, key: tmp.key })).toThrow(/newer version/);
  });
});

describe('migration 4: recommendation facts', () => {
  it('takes what a recommendation proposed and what the jobcenter decided from the outbox rows already sent', () => {
    store = openStore({ dataDir: tmp.dir, key: tmp.key });
    const db = store.db;
    // Back to schema 3, with sent commands of each kind in the outbox.
    db.exec('DROP TABLE recommendation_facts');
    db.pragma('user_version = 3');
    const insert = db.prepare(
      `INSERT INTO outbox (id, seq, kind, cpr, org, summary, payload, request_id, state, created_at, updated_at, sent_at, receipt)
       VALUES (?, ?, ?, ?, 'x', 's', ?, ?, ?, '2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z', ?)`,
    );
    const form = { offerType: 2, proposedStart: '2026-12-19', durationWeeks: 4, supportingActivities: [] };
    insert.run('c1', 1, 'message.create', CPR_A, JSON.stringify({ contextType: 11, draft: { recommendation: form } }), 'r1', 'sent', JSON.stringify({ entityId: 'rec-1' }));
    insert.run('c2', 2, 'message.create', CPR_A, JSON.stringify({ contextType: 1, draft: { recommendation: null } }), 'r2', 'sent', JSON.stringify({ entityId: 'msg-2' }));
    insert.run('c3', 3, 'recommendation.answer', CPR_B, JSON.stringify({ decision: 'grant', recommendationMessageId: 'rec-9' }), 'r3', 'sent', JSON.stringify({ entityId: 'ans-9' }));
    insert.run('c4', 4, 'activity.create', CPR_B, JSON.stringify({ activityId: 'act-9', recommendationMessageId: 'rec-9' }), 'r4', 'sent', JSON.stringify({ entityId: 'act-9' }));
    insert.run('c5', 5, 'recommendation.answer', CPR_B, JSON.stringify({ decision: 'reject', recommendationMessageId: 'rec-8' }), 'r5', 'cancelled', null);
    expect(migrate(db, migrations.filter((m) => m.version <= 4))).toEqual([4]);
    expect(store.recommendations.list(CPR_A)).toEqual([{ messageId: 'rec-1', cpr: CPR_A, proposal: form, decision: null, decidedAt: null, activityId: null }]);
    expect(store.recommendations.list(CPR_B)).toEqual([{ messageId: 'rec-9', cpr: CPR_B, proposal: null, decision: 'grant', decidedAt: '2026-11-20T10:00:00Z', activityId: 'act-9' }]);
  });
});

describe('migration 6: meetings wait for the outbox', () => {
  it('keeps the meetings cached under schema 5 and gives them the pending and hidden columns', () => {
    store = openStore({ dataDir: tmp.dir, key: tmp.key });
    const db = store.db;
    // Back to schema 5: the meetings table as it was (no pending_command_id, no hidden), one meeting cached.
    db.exec('DROP TABLE meetings; CREATE TABLE meetings (id TEXT PRIMARY KEY, cpr TEXT NOT NULL, data TEXT NOT NULL, fetched_at TEXT); CREATE INDEX meetings_cpr ON meetings(cpr);');
    db.pragma('user_version = 5');
    const meeting = { id: 'm-1', cpr: CPR_A, start: '2026-12-01T09:00:00.000Z', end: null, interviewType: 7, form: 1, location: null, locationDetail: null, digitalLink: null, selfBooked: false, organisation: null };
    db.prepare('INSERT INTO meetings (id, cpr, data, fetched_at) VALUES (?, ?, ?, ?)').run('m-1', CPR_A, JSON.stringify(meeting), '2026-11-22T08:00:00Z');
    expect(migrate(db, migrations.filter((m) => m.version <= 6))).toEqual([6]);
    store.close();
    store = openStore({ dataDir: tmp.dir, key: tmp.key });
    expect(store.meetings.list(CPR_A)).toEqual([{ ...meeting, pendingCommandId: null }]);
    store.meetings.hidePending('m-1', 'cmd-1');
    expect(store.meetings.list(CPR_A)).toEqual([]);
    store.meetings.revert('m-1', 'cmd-1', meeting);
    expect(store.meetings.list(CPR_A)).toEqual([{ ...meeting, pendingCommandId: null }]);
  });
});

describe('search and freshness', () => {
  beforeEach(() => {
    store = openStore({ dataDir: tmp.dir, key: tmp.key });
    store.citizens.upsert(citizen({ cpr: CPR_A, name: 'Mette Sørensen' }));
    store.citizens.upsert(citizen({ cpr: CPR_B, name: 'Jens Ærø Hansen' }));
  });

  it('finds citizens by name prefixes, case- and accent-insensitively, and updates the index on rename', () => {
    const s = store!;
    expect(s.citizens.searchByName('mette sør').map((c) => c.citizen.cpr)).toEqual([CPR_A]);
    expect(s.citizens.searchByName('HANS').map((c) => c.citizen.cpr)).toEqual([CPR_B]);
    expect(s.citizens.searchByName('ærø').map((c) => c.citizen.cpr)).toEqual([CPR_B]);
    expect(s.citizens.searchByName('"; DROP TABLE citizens; --')).toEqual([]);
    expect(s.citizens.searchByName('mette OR jens')).toEqual([]);
    // A NUL (pasted, or a hostile renderer) ended SQLite's string inside the quoted term: FTS5 refused the query.
    expect(s.citizens.searchByName('mette\u0000sør').map((c) => c.citizen.cpr)).toEqual([CPR_A]);
    expect(s.citizens.searchByName('\u0000')).toEqual([]);
    s.citizens.upsert(citizen({ cpr: CPR_A, name: 'Mette Kjær' }));
    expect(s.citizens.searchByName('sørensen')).toEqual([]);
    expect(s.citizens.searchByName('kjær').map((c) => c.citizen.cpr)).toEqual([CPR_A]);
  });

  it('searches message subjects and bodies', () => {
    const s = store!;
    s.messages.upsertMany(
      [
        message({ id: 'm1', subject: 'Indstilling om tilbud', body: 'Virksomhedspraktik hos Bageriet' }),
        message({ id: 'm2', cpr: CPR_B, subject: 'Orientering', body: 'Mødet flyttes' }),
      ],
      '2026-11-22T09:00:00.000Z',
    );
    expect(s.messages.search('bager').map((h) => h.id)).toEqual(['m1']);
    expect(s.messages.search('orient').map((h) => h.id)).toEqual(['m2']);
    expect(s.messages.search('mødet', { cpr: CPR_A })).toEqual([]);
  });

  it('counts a citizen’s threads: a message that answers one that is cached is no thread of its own', () => {
    const s = store!;
    s.messages.upsertMany(
      [
        message({ id: 't1' }),
        message({ id: 't1-svar', responseToId: 't1' }),
        message({ id: 't2', responseToId: 'ikke-hentet' }),
        message({ id: 'b1', cpr: CPR_B }),
      ],
      '2026-11-22T09:00:00.000Z',
    );
    expect(s.messages.countThreads(CPR_A)).toBe(2);
    expect(s.messages.countThreads(CPR_B)).toBe(1);
  });

  it('says whether cached data is fresh or stale', () => {
    const now = new Date('2026-11-22T10:00:00.000Z');
    expect(freshnessOf('2026-11-22T09:55:00.000Z', now, 15 * 60_000, 'cache').stale).toBe(false);
    expect(freshnessOf('2026-11-22T09:30:00.000Z', now, 15 * 60_000, 'cache').stale).toBe(true);
    expect(freshnessOf(null, now, 15 * 60_000, 'cache')).toEqual({ fetchedAt: null, stale: true, source: 'cache' });
  });
});

describe('absences with pending commands', () => {
  it('keeps optimistic rows through a refresh and reverts them on cancel', () => {
    store = openStore({ dataDir: tmp.dir, key: tmp.key });
    const s = store;
    const confirmed = absence({ id: 'a-confirmed', type: 10 });
    s.absences.replaceFromDfdg(CPR_A, [confirmed], '2026-11-22T09:00:00.000Z');
    s.absences.putPending(absence({ id: 'a-new', type: 3 }), 'cmd-1');
    s.absences.hidePending('a-confirmed', 'cmd-2');
    expect(s.absences.list(CPR_A).map((a) => a.id)).toEqual(['a-new']);

    // DFDG does not know a-new yet; the refresh must not drop it, nor unhide the pending delete.
    s.absences.replaceFromDfdg(CPR_A, [confirmed], '2026-11-22T09:05:00.000Z');
    expect(s.absences.list(CPR_A).map((a) => [a.id, a.pendingCommandId])).toEqual([['a-new', 'cmd-1']]);

    s.absences.revert('a-new', 'cmd-1', null);
    s.absences.revert('a-confirmed', 'cmd-2', confirmed);
    expect(s.absences.list(CPR_A).map((a) => [a.id, a.pendingCommandId])).toEqual([['a-confirmed', null]]);
  });
});

describe('blob store', () => {
  it('stores content encrypted under an unrelated file name and detects tampering', () => {
    store = openStore({ dataDir: tmp.dir, key: tmp.key });
    const bytes = Buffer.from('%PDF-1.7 Fortroligt bilag om borgeren');
    const sha = store.blobs.put(bytes);
    expect(sha).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(store.blobs.put(bytes)).toBe(sha);
    expect(store.blobs.get(sha)?.equals(bytes)).toBe(true);

    const files = readdirSync(join(tmp.dir, 'blobs'), { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files).toHaveLength(1);
    const f = files[0]!;
    expect(f.name).not.toContain(sha);
    const path = join(f.parentPath, f.name);
    const raw = readFileSync(path);
    expect(raw.includes(Buffer.from('Fortroligt'))).toBe(false);

    raw[raw.length - 1] = raw[raw.length - 1]! ^ 0xff;
    writeFileSync(path, raw);
    expect(() => store!.blobs.get(sha)).toThrow();
  });
});
