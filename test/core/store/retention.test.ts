import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openStore, purgeCache, purgeCitizen, type Store } from '../../../main/core/store';
import { Outbox } from '../../../main/core/sync/outbox';
import { absence, citizen, CPR_A, CPR_B, CPR_C, message } from '../support/fixtures';
import { tempDataDir } from '../support/tmp';
import { messagePayload } from '../sync/helpers';

let tmp: ReturnType<typeof tempDataDir>;
let store: Store;
const now = new Date('2026-11-22T12:00:00.000Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();

beforeEach(() => {
  tmp = tempDataDir();
  store = openStore({ dataDir: tmp.dir, key: tmp.key });
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

function cacheCitizen(cpr: string, opts: { lastUsedDaysAgo: number; deceased?: boolean; access?: 'allowed' | 'denied' }) {
  store.citizens.upsert(citizen({ cpr, deceased: opts.deceased ?? false }), {
    fetchedAt: daysAgo(opts.lastUsedDaysAgo),
    lastUsedAt: daysAgo(opts.lastUsedDaysAgo),
    access: opts.access ?? 'allowed',
  });
  store.messages.upsertMany([message({ id: `m-${cpr}`, cpr, documents: [{ id: `d-${cpr}`, fileName: 'a.pdf', mimeType: 'application/pdf', size: 5 }] })], daysAgo(1));
  store.absences.replaceFromDfdg(cpr, [absence({ id: `a-${cpr}`, cpr })], daysAgo(1));
}

describe('retention purge', () => {
  it('removes deceased, no-longer-visible and unused citizens, and keeps recent ones', () => {
    cacheCitizen(CPR_A, { lastUsedDaysAgo: 2, deceased: true });
    cacheCitizen(CPR_B, { lastUsedDaysAgo: 40 });
    cacheCitizen(CPR_C, { lastUsedDaysAgo: 3 });
    store.citizens.upsert(citizen({ cpr: '0404701234' }), { lastUsedAt: daysAgo(1), access: 'denied' });
    store.messages.upsertMany([message({ id: 'm-b-2', cpr: CPR_B, body: 'Samtale om Kragelundvej og Sørens fleksjob.' })], daysAgo(1));
    const sha = store.blobs.put(Buffer.from('%PDF-1.4 dokument'));
    store.messages.setDocumentContent(`d-${CPR_B}`, sha, daysAgo(1));

    const report = purgeCache(store, now, 30);
    expect(report.purged.map((p) => [p.cpr, p.reason]).sort()).toEqual(
      [
        [CPR_A, 'deceased'],
        [CPR_B, 'unused'],
        ['0404701234', 'no-access'],
      ].sort(),
    );
    expect(store.citizens.get(CPR_B)).toBeNull();
    expect(store.messages.listByCpr(CPR_B)).toEqual([]);
    expect(store.messages.search('virksomhedspraktik').map((h) => h.cpr)).toEqual([CPR_C]);
    expect(store.absences.list(CPR_B)).toEqual([]);
    expect(store.blobs.get(sha)).toBeNull();
    expect(store.citizens.get(CPR_C)).not.toBeNull();
    // The prefix-search vocabulary forgets words only the purged messages had, and keeps the others.
    const term = (t: string) => store.db.prepare<[string], number>('SELECT count(*) FROM message_terms WHERE term = ?').pluck().get(t);
    expect(term('kragelundvej')).toBe(0);
    expect(term('fleksjob')).toBe(0);
    expect(term('virksomhedspraktik')).toBe(1);
  });

  it('keeps the receipts of sent commands as long as a read-back can need them: at least DFDG’s 7-day x-requestId window, and while an unsent command was first tried after them', () => {
    const outbox = new Outbox(store, () => now);
    const add = (subject: string, state: 'sent' | 'cancelled' | 'failed', daysAgoUpdated: number, firstAttemptDaysAgo: number | null = null) => {
      const id = store.transaction(() => outbox.enqueue({ kind: 'message.create', cpr: CPR_A, org: 'akasse:067', citizenName: null, summary: subject, payload: messagePayload(CPR_A, subject) }).id);
      const receipt = state === 'sent' ? JSON.stringify({ messageIdentifier: null, entityId: `e-${subject}`, eventDate: null }) : null;
      store.db
        .prepare('UPDATE outbox SET state = ?, updated_at = ?, receipt = ?, uncertain = ?, first_attempt_at = ? WHERE id = ?')
        .run(state, daysAgo(daysAgoUpdated), receipt, state === 'failed' ? 1 : 0, firstAttemptDaysAgo === null ? null : daysAgo(firstAttemptDaysAgo), id);
      return id;
    };
    const sent3 = add('sendt for 3 dage siden', 'sent', 3);
    const sent9 = add('sendt for 9 dage siden', 'sent', 9);
    const sent20 = add('sendt for 20 dage siden', 'sent', 20);
    const cancelled3 = add('annulleret for 3 dage siden', 'cancelled', 3);
    // Still uncertain, first tried 10 days ago: its read-back compares with messages from then on.
    const uncertain = add('usikker', 'failed', 1, 10);
    // Retention set to its least (1 day).
    const report = purgeCache(store, now, 1);
    expect([sent3, sent9, uncertain].every((id) => outbox.get(id) !== null)).toBe(true);
    expect(outbox.get(sent20)).toBeNull();
    expect(outbox.get(cancelled3)).toBeNull();
    expect(report.outboxHistoryRemoved).toBe(2);
    // Once nothing unsent needs them, the 7-day floor decides.
    store.db.prepare("UPDATE outbox SET state = 'sent' WHERE id = ?").run(uncertain);
    purgeCache(store, now, 1);
    expect(outbox.get(sent3)).not.toBeNull();
    expect(outbox.get(sent9)).toBeNull();
  });

  it('never purges a citizen with a draft or an unsent command silently: reports them as held', () => {
    cacheCitizen(CPR_A, { lastUsedDaysAgo: 90 });
    cacheCitizen(CPR_B, { lastUsedDaysAgo: 90, deceased: true });
    store.drafts.put({
      id: 'draft-1', cpr: CPR_A, contextType: 11, channel: 4, subject: 'Udkast', body: 'Tekst', allowReply: true, replyTo: null,
      to: null, recommendation: null, attachments: [], createdAt: daysAgo(90), updatedAt: daysAgo(90),
    });
    const outbox = new Outbox(store, () => now);
    store.transaction(() => outbox.enqueue({ kind: 'message.create', cpr: CPR_B, org: 'akasse:067', citizenName: null, summary: 'x', payload: messagePayload(CPR_B, 'Ikke sendt') }));

    const report = purgeCache(store, now, 30);
    expect(report.purged).toEqual([]);
    expect(report.held).toMatchObject([
      { cpr: CPR_A, reason: 'unused', drafts: 1, unsentCommands: 0, ruleId: 'RETAIN_CACHE' },
      { cpr: CPR_B, reason: 'deceased', drafts: 0, unsentCommands: 1, ruleId: 'RETAIN_DECEASED' },
    ]);
    expect(report.held[1]!.text).toMatch(/bevares, indtil kladder og registreringer er sendt eller slettet/);
    expect(store.drafts.get('draft-1')).not.toBeNull();
    expect(store.messages.listByCpr(CPR_A)).toHaveLength(1);
  });

  describe('the write-ahead log after a purge, while the app runs', () => {
    const wal = () => join(tmp.dir, `${DB_FILE_NAME}-wal`);
    const walSize = () => (existsSync(wal()) ? statSync(wal()).size : 0);
    /** 64-byte samples of every page frame in the WAL now (the encrypted pages the purged rows were on). */
    const frames = () => {
      const b = existsSync(wal()) ? readFileSync(wal()) : Buffer.alloc(0);
      const page = 4096;
      const out: Buffer[] = [];
      for (let off = 32 + 24; off + page <= b.length; off += page + 24) out.push(b.subarray(off + 100, off + 164));
      return out;
    };

    it('purgeCache checkpoints and truncates the WAL: no page of the purged citizen stays in it', () => {
      cacheCitizen(CPR_A, { lastUsedDaysAgo: 2, deceased: true });
      store.messages.upsertMany([message({ id: 'm-secret', cpr: CPR_A, body: 'Fortroligt: Kragelundvej 4, misbrugsbehandling.' })], daysAgo(1));
      const before = frames();
      expect(walSize()).toBeGreaterThan(0);
      expect(before.length).toBeGreaterThan(0);

      const report = purgeCache(store, now, 30);
      expect(report.purged.map((p) => p.cpr)).toEqual([CPR_A]);
      expect(walSize()).toBe(0);
      const walNow = existsSync(wal()) ? readFileSync(wal()) : Buffer.alloc(0);
      for (const f of before) expect(walNow.includes(f)).toBe(false);

      // The store keeps running in WAL mode: new writes land in the WAL and read back.
      cacheCitizen(CPR_C, { lastUsedDaysAgo: 1 });
      expect(walSize()).toBeGreaterThan(0);
      expect(store.citizens.get(CPR_C)).not.toBeNull();
      expect(String(store.db.pragma('journal_mode', { simple: true }))).toBe('wal');
    });

    it('so does removing one citizen whom the organisation may no longer see (purgeCitizen)', () => {
      cacheCitizen(CPR_B, { lastUsedDaysAgo: 1 });
      expect(walSize()).toBeGreaterThan(0);
      purgeCitizen(store, CPR_B);
      expect(walSize()).toBe(0);
      expect(store.messages.listByCpr(CPR_B)).toEqual([]);
    });

    it('is not attempted inside a transaction (the caller commits first)', () => {
      cacheCitizen(CPR_B, { lastUsedDaysAgo: 1 });
      expect(store.transaction(() => store.checkpoint())).toBe(false);
      expect(walSize()).toBeGreaterThan(0);
      expect(store.checkpoint()).toBe(true);
      expect(walSize()).toBe(0);
    });
  });

  it('keeps a citizen with an open or taken advisory (an overdue recommendation included) and reports it as held; a done one holds nothing', () => {
    for (const cpr of [CPR_A, CPR_B, CPR_C]) cacheCitizen(cpr, { lastUsedDaysAgo: 31 });
    const advisory = (id: string, cpr: string, status: 'open' | 'in-progress' | 'done') =>
      store.advisories.insert({
        id, kind: 'recommendation-received', cpr, citizenName: null, title: 'Indstilling om tilbud modtaget fra a-kassen', createdAt: daysAgo(31),
        dueDate: daysAgo(17).slice(0, 10), status, takenBy: status === 'open' ? null : 'Jens Jobcenter', takenAt: status === 'open' ? null : daysAgo(20),
        doneAt: status === 'done' ? daysAgo(18) : null, sourceMessageIdentifier: `wsrm-${id}`, entityId: `rec-${id}`,
      });
    advisory('1', CPR_A, 'open');
    advisory('2', CPR_B, 'in-progress');
    advisory('3', CPR_C, 'done');

    const report = purgeCache(store, now, 30);
    expect(report.purged.map((p) => p.cpr)).toEqual([CPR_C]);
    expect(report.held).toMatchObject([
      { cpr: CPR_A, reason: 'unused', drafts: 0, unsentCommands: 0, openAdvisories: 1, text: expect.stringContaining("åbne advis'er er afsluttet") },
      { cpr: CPR_B, reason: 'unused', drafts: 0, unsentCommands: 0, openAdvisories: 1 },
    ]);
    expect(store.advisories.list({ status: ['open', 'in-progress'] }).advisories.map((a) => a.id).sort()).toEqual(['1', '2']);
    expect(store.citizens.get(CPR_A)).not.toBeNull();
    expect(store.messages.listByCpr(CPR_A)).toHaveLength(1);
  });
});
