import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessageDraft } from '../../../shared/domain';
import { CPR_A, CPR_B, CPR_C, citizen } from '../support/fixtures';
import { makeCore, type CoreRig } from './helpers';

let rig: CoreRig;
afterEach(async () => {
  vi.useRealTimers();
  await rig?.close();
});

const DAY = 86_400_000;

describe('Lokale data: the retention purge', () => {
  it('runs at start and daily, and lists the citizens it holds back with the reason and the drafts that hold them', async () => {
    // Only the purge uses setInterval; the outbox and the poller keep their real timers.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    rig = await makeCore({ start: false, over: { retention: true } });
    const store = rig.core.store;
    const ago = (days: number) => new Date(rig.clock.now().getTime() - days * DAY).toISOString();
    const cache = (cpr: string, name: string, usedDaysAgo: number) =>
      store.citizens.upsert(citizen({ cpr, name }), { fetchedAt: ago(usedDaysAgo), lastUsedAt: ago(usedDaysAgo), access: 'allowed' });
    cache(CPR_A, 'Mette Sørensen', 40);
    cache(CPR_B, 'Bo Glemt', 40);
    cache(CPR_C, 'Carla Aktuel', 2);
    const draft: MessageDraft = {
      id: 'draft-held', cpr: CPR_A, contextType: 11, channel: 4, subject: 'Indstilling om praktik', body: 'Tekst', allowReply: true, replyTo: null,
      to: null, recommendation: null, attachments: [], createdAt: ago(40), updatedAt: ago(40),
    };
    store.drafts.put(draft);

    expect((await rig.call('retention.status', {})).lastRunAt).toBeNull();
    rig.core.start();
    const first = await rig.call('retention.status', {});
    expect(first.lastRunAt).not.toBeNull();
    expect(first.lastPurged).toBe(1);
    expect(store.citizens.get(CPR_B)).toBeNull();
    expect(first.held).toEqual([
      {
        cpr: CPR_A,
        name: 'Mette Sørensen',
        reason: 'unused',
        ruleId: 'RETAIN_CACHE',
        text: expect.stringContaining('ikke slået op i 30 dage'),
        drafts: [{ id: 'draft-held', subject: 'Indstilling om praktik', updatedAt: draft.updatedAt }],
        unsentCommands: 0,
        openAdvisories: 0,
      },
    ]);
    // Showing the held citizen's name is a read of the cache.
    expect(rig.core.audit.list(CPR_A)[0]).toMatchObject({ action: 'retention.view', source: 'cache', purpose: 'settings' });

    // A day later the purge runs again by itself.
    rig.clock.advance(29 * DAY);
    vi.advanceTimersByTime(DAY);
    expect(store.citizens.get(CPR_C)).toBeNull();
    const later = await rig.call('retention.status', {});
    expect(Date.parse(later.lastRunAt!)).toBeGreaterThan(Date.parse(first.lastRunAt!));

    // Once the draft is gone, "Ryd op nu" removes the citizen as well.
    await rig.call('drafts.delete', { id: 'draft-held' });
    const after = await rig.call('retention.purge', {});
    expect(after.held).toEqual([]);
    expect(store.citizens.get(CPR_A)).toBeNull();
  });

  it('an open, overdue recommendation advisory holds its citizen and is listed as held until it is done', async () => {
    rig = await makeCore({ start: false });
    const store = rig.core.store;
    const ago = (days: number) => new Date(rig.clock.now().getTime() - days * DAY).toISOString();
    store.citizens.upsert(citizen({ cpr: CPR_A, name: 'Mette Sørensen' }), { fetchedAt: ago(40), lastUsedAt: ago(40), access: 'allowed' });
    store.advisories.insert({
      id: 'adv-1', kind: 'recommendation-received', cpr: CPR_A, citizenName: 'Mette Sørensen', title: 'Indstilling om tilbud modtaget fra a-kassen',
      createdAt: ago(40), dueDate: ago(26).slice(0, 10), status: 'open', takenBy: null, takenAt: null, doneAt: null, sourceMessageIdentifier: 'wsrm-1', entityId: 'rec-1',
    });
    const status = await rig.call('retention.purge', {});
    expect(status.lastPurged).toBe(0);
    expect(status.held).toEqual([
      expect.objectContaining({ cpr: CPR_A, name: 'Mette Sørensen', reason: 'unused', drafts: [], unsentCommands: 0, openAdvisories: 1, text: expect.stringContaining("åbne advis'er") }),
    ]);
    expect(store.citizens.get(CPR_A)).not.toBeNull();
    expect((await rig.call('advisories.list', { status: ['open'] })).advisories.map((a) => a.id)).toEqual(['adv-1']);

    await rig.call('advisories.done', { id: 'adv-1' });
    expect((await rig.call('retention.purge', {})).held).toEqual([]);
    expect(store.citizens.get(CPR_A)).toBeNull();
  });
});
