import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, purgeCache, type Store } from '../../../main/core/store';
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
