// The access log's hash chain (issue 15 item 9): every entry carries the hash of the one before; the
// table refuses UPDATE and DELETE (triggers), except the retention purge, which records an anchor so
// the chain still verifies; whoever has the key and goes around the triggers is caught by the check.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../main/core/audit/audit';
import { openStore, purgeCache, type Store } from '../../../main/core/store';
import { migrate, migrations } from '../../../main/core/store/migrations';
import { AUDIT_GENESIS, AUDIT_RETENTION_YEARS, auditHash, type AuditInput } from '../../../main/core/store/repos/audit';
import { Database } from '../../../main/core/store/sqlite';
import { AKASSE_IDENTITY, CPR_A, CPR_B } from '../support/fixtures';
import { fakeClock, tempDataDir } from '../support/tmp';

let tmp: ReturnType<typeof tempDataDir>;
let store: Store;

beforeEach(() => {
  tmp = tempDataDir();
  store = openStore({ dataDir: tmp.dir, key: tmp.key });
});
afterEach(() => {
  if (store.isOpen) store.close();
  tmp.cleanup();
});

const entry = (at: string, over: Partial<AuditInput> = {}): AuditInput => ({
  at,
  user_identifier: 'CVR:12345678-UUID:a',
  user_name: 'Anna Akasse',
  organisation_type: 2,
  organisation_code: '067',
  cpr: CPR_A,
  action: 'citizen.open',
  source: 'cache',
  purpose: 'citizen-page',
  outcome: 'ok',
  ...over,
});

/** Ten entries a day apart from `start`. */
function fill(start = '2026-11-01T08:00:00.000Z', n = 10, cpr = CPR_A): void {
  for (let i = 0; i < n; i++) store.audit.append(entry(new Date(Date.parse(start) + i * 86_400_000).toISOString(), { cpr }));
}

const rows = () => store.db.prepare<[], { id: number; prev_hash: string; hash: string; user_name: string }>('SELECT id, prev_hash, hash, user_name FROM audit ORDER BY id').all();

/** What someone with the database key can do: drop the triggers, then write what they like. */
const goAround = (sql: string, ...params: unknown[]) => {
  store.db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete; DROP TRIGGER IF EXISTS audit_chain;');
  store.db.prepare(sql).run(...params);
};

describe('the access log hash chain', () => {
  it('chains every entry to the one before it, from the genesis hash, and verifies intact', async () => {
    fill();
    const r = rows();
    expect(r).toHaveLength(10);
    expect(r[0]!.prev_hash).toBe(AUDIT_GENESIS);
    for (let i = 1; i < r.length; i++) expect(r[i]!.prev_hash).toBe(r[i - 1]!.hash);
    const first = store.db.prepare<[], Parameters<typeof auditHash>[1]>('SELECT * FROM audit ORDER BY id LIMIT 1').get()!;
    expect(r[0]!.hash).toBe(auditHash(AUDIT_GENESIS, first));
    expect(await store.audit.verify()).toEqual({ intact: true, entries: 10, brokenAt: null, problem: null, purgedThrough: null });
  });

  it('refuses UPDATE and DELETE of an entry, and an entry that does not continue the chain', () => {
    fill();
    expect(() => store.db.prepare("UPDATE audit SET user_name = 'Bent Falsk' WHERE id = 3").run()).toThrow(/entries are never changed/);
    expect(() => store.db.prepare('DELETE FROM audit WHERE id = 3').run()).toThrow(/removed only by the retention purge/);
    expect(() => store.db.prepare('DELETE FROM audit').run()).toThrow(/removed only by the retention purge/);
    const forged = { ...entry('2026-11-30T08:00:00.000Z'), id: 11, prev_hash: 'f'.repeat(64), hash: 'e'.repeat(64) };
    expect(() =>
      store.db
        .prepare('INSERT INTO audit (id, at, user_identifier, user_name, organisation_type, organisation_code, cpr, action, source, purpose, outcome, prev_hash, hash) VALUES (@id, @at, @user_identifier, @user_name, @organisation_type, @organisation_code, @cpr, @action, @source, @purpose, @outcome, @prev_hash, @hash)')
        .run(forged),
    ).toThrow(/must continue the chain/);
    expect(rows().map((x) => x.user_name)).toEqual(Array(10).fill('Anna Akasse'));
  });

  it('finds a forged caseworker name, written around the triggers with the key', async () => {
    fill();
    goAround("UPDATE audit SET user_name = 'Bent Falsk' WHERE id = 4");
    const r = await store.audit.verify();
    expect(r).toMatchObject({ intact: false, brokenAt: 4, entries: 3 });
    expect(r.problem).toMatch(/^Post nr\. 4 \(04-11-2026 09:00\) er ændret, efter at den blev skrevet\.$/);
  });

  it('finds a deleted entry at the entry after it', async () => {
    fill();
    goAround('DELETE FROM audit WHERE id = 5');
    const r = await store.audit.verify();
    expect(r).toMatchObject({ intact: false, brokenAt: 6, entries: 4 });
    expect(r.problem).toMatch(/^Kæden er brudt før post nr\. 6 \(06-11-2026 09:00\): en eller flere poster er slettet eller ændret/);
  });

  it('finds a changed entry whose own hash was recomputed to hide it, at the entry after it', async () => {
    fill();
    const row7 = store.db.prepare<[], Parameters<typeof auditHash>[1] & { prev_hash: string }>('SELECT * FROM audit WHERE id = 7').get()!;
    const changed = { ...row7, user_name: 'Bent Falsk' };
    goAround('UPDATE audit SET user_name = ?, hash = ? WHERE id = 7', changed.user_name, auditHash(row7.prev_hash, changed));
    expect(await store.audit.verify()).toMatchObject({ intact: false, brokenAt: 8 });
  });

  it('finds an entry inserted at the end without continuing the chain', async () => {
    fill();
    goAround(
      "INSERT INTO audit (id, at, user_identifier, user_name, organisation_type, organisation_code, cpr, action, source, purpose, outcome, prev_hash, hash) VALUES (11, '2026-12-01T08:00:00.000Z', 'x', 'Bent Falsk', 2, '067', ?, 'citizen.open', 'cache', 'citizen-page', 'ok', ?, ?)",
      CPR_A,
      'a'.repeat(64),
      'b'.repeat(64),
    );
    expect(await store.audit.verify()).toMatchObject({ intact: false, brokenAt: 11 });
  });

  it(`keeps ${AUDIT_RETENTION_YEARS} years: the purge removes older entries through an anchor, and the chain still verifies`, async () => {
    // Six entries 7 years ago, then four recent ones.
    fill('2019-06-01T08:00:00.000Z', 6);
    fill('2026-11-01T08:00:00.000Z', 4, CPR_B);
    const now = new Date('2026-12-05T12:00:00.000Z');
    const report = purgeCache(store, now, 30);
    expect(report.auditEntriesRemoved).toBe(6);
    expect(rows().map((r) => r.id)).toEqual([7, 8, 9, 10]);
    const anchor = store.db.prepare<[], { through_id: number; removed: number; through_at: string }>('SELECT through_id, removed, through_at FROM audit_anchor').get();
    expect(anchor).toEqual({ through_id: 6, removed: 6, through_at: '2019-06-06T08:00:00.000Z' });
    expect(await store.audit.verify()).toEqual({ intact: true, entries: 4, brokenAt: null, problem: null, purgedThrough: '2019-06-06T08:00:00.000Z' });
    // Nothing younger goes; the next entry continues the chain; a second purge removes nothing more.
    expect(store.audit.purgeExpired(now)).toBe(0);
    store.audit.append(entry('2026-12-05T12:00:00.000Z'));
    expect(await store.audit.verify()).toMatchObject({ intact: true, entries: 5 });
  });

  it('refuses an anchor for entries younger than the period, and any change to an anchor', () => {
    fill('2019-06-01T08:00:00.000Z', 3);
    fill('2026-11-01T08:00:00.000Z', 3);
    const recent = store.db.prepare<[], { id: number; hash: string; at: string }>('SELECT id, hash, at FROM audit WHERE id = 5').get()!;
    const anchor = store.db.prepare('INSERT INTO audit_anchor (at, through_id, through_hash, through_at, removed) VALUES (?, ?, ?, ?, ?)');
    expect(() => anchor.run('2026-12-05T12:00:00.000Z', recent.id, recent.hash, recent.at, 5)).toThrow(/older than the retention period/);
    expect(() => anchor.run('2026-12-05T12:00:00.000Z', 2, 'c'.repeat(64), '2019-06-02T08:00:00.000Z', 2)).toThrow(/older than the retention period/);
    expect(store.audit.purgeExpired(new Date('2026-12-05T12:00:00.000Z'))).toBe(3);
    expect(() => store.db.prepare('UPDATE audit_anchor SET through_id = 5').run()).toThrow(/anchors are never changed/);
    expect(() => store.db.prepare('DELETE FROM audit_anchor').run()).toThrow(/anchors are never removed/);
    expect(() => store.db.prepare('DELETE FROM audit WHERE id = 4').run()).toThrow(/removed only by the retention purge/);
  });

  it('finds an anchor forged around the triggers to delete recent entries', async () => {
    fill('2026-11-01T08:00:00.000Z', 5);
    const third = store.db.prepare<[], { hash: string; at: string }>('SELECT hash, at FROM audit WHERE id = 3').get()!;
    store.db.exec('DROP TRIGGER audit_anchor_check');
    store.db.prepare('INSERT INTO audit_anchor (at, through_id, through_hash, through_at, removed) VALUES (?, 3, ?, ?, 3)').run('2026-12-05T12:00:00.000Z', third.hash, third.at);
    store.db.prepare('DELETE FROM audit WHERE id <= 3').run();
    const r = await store.audit.verify();
    expect(r.intact).toBe(false);
    expect(r.problem).toMatch(/fjernede poster, der var yngre end 5 år/);
  });

  it('a purge while the check runs is recognised by its anchor, not reported as a break', async () => {
    fill('2019-06-01T08:00:00.000Z', 6);
    fill('2026-11-01T08:00:00.000Z', 4);
    const checking = store.audit.verify({ chunkSize: 2 });
    // The check has read the first chunk and yields; the daily purge runs now.
    expect(store.audit.purgeExpired(new Date('2026-12-05T12:00:00.000Z'))).toBe(6);
    expect(await checking).toMatchObject({ intact: true, entries: 6 });
  });

  it('chains the entries a database already had when it is upgraded (migration 3)', async () => {
    store.close();
    const file = `${tmp.dir}/old.db`;
    const db = new Database(file);
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${tmp.key.toString('hex')}'"`);
    migrate(db, migrations.filter((m) => m.version <= 2));
    const ins = db.prepare(
      "INSERT INTO audit (at, user_identifier, user_name, organisation_type, organisation_code, cpr, action, source, purpose, outcome) VALUES (?, 'u', 'Anna Akasse', 2, '067', ?, 'citizen.open', 'cache', 'citizen-page', 'ok')",
    );
    for (let i = 0; i < 5; i++) ins.run(`2026-0${i + 1}-01T08:00:00.000Z`, CPR_A);
    db.close();
    store = openStore({ dataDir: tmp.dir, key: tmp.key, fileName: 'old.db' });
    expect(await store.audit.verify()).toMatchObject({ intact: true, entries: 5 });
    expect(() => store.db.prepare("UPDATE audit SET user_name = 'x'").run()).toThrow(/never changed/);
    store.audit.append(entry('2026-12-01T08:00:00.000Z'));
    expect(await store.audit.verify()).toMatchObject({ intact: true, entries: 6 });
  });
});

describe('the access log export and status', () => {
  const clock = fakeClock('2026-12-05T10:00:00.000Z');

  it('the CSV says the chain is broken, and where, when an entry was changed; the status shows it', async () => {
    const audit = new AuditLog(store, clock.now, () => AKASSE_IDENTITY);
    expect(audit.chainStatus().state).toBe('checking');
    for (let i = 0; i < 3; i++) audit.record({ cpr: CPR_A, action: 'citizen.open', source: 'cache', purpose: 'citizen-page' });
    expect((await audit.verifyChain()).intact).toBe(true);
    expect(audit.chainStatus()).toMatchObject({ state: 'intact', entries: 3, problem: null, retentionYears: AUDIT_RETENTION_YEARS });

    goAround("UPDATE audit SET user_name = 'Bent Falsk' WHERE id = 2");
    const { csv, chainIntact } = await audit.exportCsv(CPR_A);
    expect(chainIntact).toBe(false);
    const last = csv.trim().split('\r\n').at(-1)!;
    expect(last).toMatch(/^Kontrol af adgangsloggen;KÆDEN ER BRUDT: Post nr\. 2 \(05-12-2026 11:00\) er ændret, efter at den blev skrevet\. .*Kontakt jeres it-sikkerhedsansvarlige\.$/);
    expect(audit.chainStatus()).toMatchObject({ state: 'broken', problem: expect.stringMatching(/Post nr\. 2/) });
  });

  it('the CSV names what retention has removed', async () => {
    fill('2019-06-01T08:00:00.000Z', 2);
    const audit = new AuditLog(store, clock.now, () => AKASSE_IDENTITY);
    audit.record({ cpr: CPR_A, action: 'citizen.open', source: 'cache', purpose: 'citizen-page' });
    store.audit.purgeExpired(clock.now());
    const lines = (await audit.exportCsv(CPR_A)).csv.trim().split('\r\n');
    expect(lines.at(-2)).toBe('Kontrol af adgangsloggen;Kæden er intakt: alle 1 poster i loggen er kontrolleret 05-12-2026 11:00:00.');
    expect(lines.at(-1)).toBe('Opbevaring;Poster til og med 02-06-2019 er slettet efter 5 år (antaget opbevaringsperiode).');
  });
});
