// Hub mode's copy of the team queue in the store: only a newer version replaces what is held (the
// feed and a page overlap), the views in the hub's order with the citizen's name from the cache, a
// queued take counts as Mine at once, the counts per view, and finished work pruned.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../main/core/store';
import type { HubAdvisory } from '../../../shared/hubApi';
import { citizen, CPR_A, CPR_B } from '../support/fixtures';
import { tempDataDir } from '../support/tmp';

let tmp: ReturnType<typeof tempDataDir>;
let store: Store;
beforeEach(() => {
  tmp = tempDataDir();
  store = openStore({ dataDir: tmp.dir, key: tmp.key });
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

const ME = { id: 'CVR:1-UUID:me', name: 'Birgitte Hjort' };
const SOEREN = { id: 'CVR:1-UUID:soeren', name: 'Søren Østergaard' };

function adv(n: number, extra: Partial<HubAdvisory> = {}): HubAdvisory {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    kind: 'message-received',
    cpr: CPR_A,
    citizenName: null,
    title: `Opgave ${n}`,
    createdAt: `2026-11-0${n}T09:00:00.000Z`,
    dueDate: null,
    status: 'open',
    takenBy: null,
    takenAt: null,
    doneBy: null,
    doneAt: null,
    version: 1,
    sourceMessageIdentifier: `m-${n}`,
    entityId: null,
    ...extra,
  };
}

const ids = (items: { title: string }[]) => items.map((a) => a.title);

describe('the team queue copy (store.hubQueue)', () => {
  it('keeps the newest version only', () => {
    const q = store.hubQueue;
    expect(q.upsert(adv(1, { version: 2, status: 'in-progress', takenBy: SOEREN, takenAt: '2026-11-22T09:42:00Z' }))).toBe(true);
    // An older version arriving late (a page read before the change) changes nothing.
    expect(q.upsert(adv(1))).toBe(false);
    expect(q.get(adv(1).id)).toMatchObject({ version: 2, takenBy: SOEREN });
    expect(q.upsert(adv(1, { version: 3 }))).toBe(true);
    expect(q.get(adv(1).id)).toMatchObject({ version: 3, status: 'open' });
  });

  it('pages each view in the hub’s order, with names from the cache, a queued take as Mine, and the counts', () => {
    const q = store.hubQueue;
    store.citizens.upsert(citizen({ cpr: CPR_B, name: 'Bodil Berg' }), { fetchedAt: '2026-11-22T08:00:00Z' });
    q.upsert(adv(1, { dueDate: '2026-11-10' }));
    q.upsert(adv(2, { dueDate: '2026-11-30', cpr: CPR_B }));
    q.upsert(adv(3));
    q.upsert(adv(4, { dueDate: '2026-11-05', status: 'in-progress', takenBy: ME, takenAt: '2026-11-22T09:00:00Z', version: 2 }));
    q.upsert(adv(5, { status: 'in-progress', takenBy: SOEREN, takenAt: '2026-11-22T09:00:00Z', version: 2 }));
    q.upsert(adv(6, { status: 'done', doneBy: ME, doneAt: '2026-11-21T09:00:00Z', version: 3 }));
    q.upsert(adv(7, { status: 'done', doneBy: SOEREN, doneAt: '2026-11-22T09:00:00Z', version: 3 }));
    const page = (view: 'mine' | 'unassigned' | 'overdue' | 'all' | 'done', offset = 0, limit = 50) => q.page(view, { me: ME.id, today: '2026-11-22', offset, limit });

    // Earliest due first, undated last, then oldest.
    expect(ids(page('all').items)).toEqual(['Opgave 4', 'Opgave 1', 'Opgave 2', 'Opgave 3', 'Opgave 5']);
    expect(ids(page('all', 1, 2).items)).toEqual(['Opgave 1', 'Opgave 2']);
    expect(page('all', 1, 2).total).toBe(5);
    expect(ids(page('unassigned').items)).toEqual(['Opgave 1', 'Opgave 2', 'Opgave 3']);
    expect(ids(page('overdue').items)).toEqual(['Opgave 4', 'Opgave 1']);
    expect(ids(page('mine').items)).toEqual(['Opgave 4']);
    expect(ids(page('done').items)).toEqual(['Opgave 7', 'Opgave 6']);
    expect(page('all').items.find((a) => a.title === 'Opgave 2')!.citizenName).toBe('Bodil Berg');

    q.enqueue({ id: 'cmd-1', advisoryId: adv(3).id, action: 'take', baseVersion: 1, createdAt: '2026-11-22T10:00:00Z' });
    expect(ids(page('mine').items)).toEqual(['Opgave 4', 'Opgave 3']);
    expect(page('mine').items[1]).toMatchObject({ pending: 'take', status: 'open' });
    expect(q.counts(ME.id, '2026-11-22')).toEqual({ mine: 2, unassigned: 3, overdue: 2, all: 5, done: 2 });

    q.markRefused('cmd-1', 'Taget af Søren Østergaard kl. 10:42.', '2026-11-22T10:05:00Z');
    expect(q.team(adv(3).id)).toMatchObject({ pending: null, refused: { action: 'take', message: 'Taget af Søren Østergaard kl. 10:42.' } });
    q.dismissRefusals(adv(3).id);
    expect(q.team(adv(3).id)!.refused).toBeNull();
  });

  it('prunes finished work and finished actions past their time, never a queued action', () => {
    const q = store.hubQueue;
    q.upsert(adv(1, { status: 'done', doneBy: ME, doneAt: '2026-09-01T09:00:00Z', version: 2 }));
    q.upsert(adv(2, { status: 'done', doneBy: ME, doneAt: '2026-11-20T09:00:00Z', version: 2 }));
    q.enqueue({ id: 'old-sent', advisoryId: adv(2).id, action: 'complete', baseVersion: 1, createdAt: '2026-11-01T09:00:00Z' });
    q.markSent('old-sent', '2026-11-01T09:00:01Z');
    q.enqueue({ id: 'waiting', advisoryId: adv(2).id, action: 'reopen', baseVersion: 2, createdAt: '2026-11-01T09:00:00Z' });
    expect(q.pruneDone('2026-10-23T00:00:00Z')).toBe(1);
    expect(q.pruneCommands('2026-11-15T00:00:00Z')).toBe(1);
    expect(q.all().map((a) => a.title)).toEqual(['Opgave 2']);
    expect(q.queued().map((c) => c.id)).toEqual(['waiting']);
  });
});
