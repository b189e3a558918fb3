// Two desktops (two real cores) of one jobcenter on one organisation hub, against the sandbox: the
// a-kasse's recommendation raises exactly one advisory at the hub and both desktops show it; neither
// desktop pulls DFDG's notifications itself; one takes it and the other sees it taken from the hub's
// change feed within a second; the other's take loses with the holder's name. A desktop whose network
// is gone through 50 changes reconnects from its cursor (no full reload) and ends equal to the hub.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubHandle } from '../../../hub/server';
import { CoreError } from '../../../main/core/errors';
import type { HubAdvisory, HubPage } from '../../../shared/hubApi';
import type { TeamAdvisory } from '../../../shared/domain';
import { caseworker, seedAdvisories, startHubSandbox, startTestDatabase, startTestHub, type Caseworker, type TestDatabase } from '../../hub/helpers';
import { org, type TestSandbox } from '../../sandbox/helpers';
import { coreFor, type SandboxCore } from '../integration/helpers';
import { desktop, relay, until, type Relay } from './helpers';

const JOBCENTER = 'jobcenter-10100';
const TYPE11_BODY = 'Vi indstiller til virksomhedspraktik i 8 uger hos Bageriet ApS (CVR 12345678), så medlemmet kan afprøve faget.';

let t: TestSandbox;
let db: TestDatabase;
let hub: HubHandle;
let net: Relay;
let akasse: SandboxCore;
let soeren: SandboxCore;
let birgitte: SandboxCore;
let ahmad: Caseworker;

beforeAll(async () => {
  [t, db] = await Promise.all([startHubSandbox(), startTestDatabase()]);
  hub = await startTestHub(t.sb, db.url);
  // Work already in the team queue before the desktops first connect (read by their first full load).
  await seedAdvisories(db, 60, 'message-received');
  net = await relay(hub.url);
  akasse = await coreFor(t.sb, 'akasse-067');
  soeren = await desktop(t.sb, JOBCENTER, `${JOBCENTER}-1`, hub.url);
  // Birgitte's desktop reaches the hub through a relay the test can cut.
  birgitte = await desktop(t.sb, JOBCENTER, `${JOBCENTER}-2`, net.url);
  ahmad = caseworker(t.sb, `${JOBCENTER}-3`, hub.url);
  await Promise.all([soeren.core.hub()!.whenOnline(), birgitte.core.hub()!.whenOnline()]);
});

afterAll(async () => {
  ahmad?.agent.destroy();
  for (const d of [akasse, soeren, birgitte]) await d?.close();
  await net?.close();
  await hub?.close();
  await Promise.all([t?.close(), db?.close()]);
});

const page = (d: SandboxCore, view: 'mine' | 'unassigned' | 'all' | 'done' | 'overdue', limit = 200) => d.call('hub.page', { view, offset: 0, limit });
const held = (d: SandboxCore, id: string): TeamAdvisory | null => d.core.store.hubQueue.team(id);

/** The whole queue as the hub has it now (every view page by page). */
async function hubQueue(who: Caseworker): Promise<Map<string, HubAdvisory>> {
  const all = new Map<string, HubAdvisory>();
  for (const view of ['all', 'done'] as const) {
    let cursor: string | null = null;
    do {
      const r: { body: HubPage } = await who.call<HubPage>('GET', `/v1/advisories?view=${view}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      for (const a of r.body.items) all.set(a.id, a);
      cursor = r.body.nextCursor;
    } while (cursor);
  }
  return all;
}

describe('two desktops of one jobcenter on one hub', () => {
  it("the a-kasse's recommendation is one advisory both see; one takes it, the other sees it taken and loses the race with the name", async () => {
    const citizen = org(t.sample, 'akasse-067').visible.find((c) => c.contactGroup === 1 && c.jobcenterCode === '10100');
    if (!citizen) throw new Error('no member of akasse-067 attached to jobcenter 10100 in the sample');
    await akasse.call('citizens.open', { cpr: citizen.cpr, purpose: 'composer' });
    const draft = await akasse.call('drafts.create', { cpr: citizen.cpr, templateId: 'builtin-indstilling' });
    await akasse.call('drafts.save', { id: draft.id, patch: { body: TYPE11_BODY } });
    const { commandId } = await akasse.call('drafts.submit', { id: draft.id });
    await akasse.core.engine.whenDrained(20_000);
    const messageId = akasse.core.outbox.get(commandId)!.receipt!.entityId!;

    // The hub's intake turns the notification into one advisory; both desktops get it from the feed.
    const find = (d: SandboxCore) => d.core.store.hubQueue.all().find((a) => a.entityId === messageId && a.kind === 'recommendation-received');
    const [atSoeren, atBirgitte] = await Promise.all([until(soeren, () => find(soeren)), until(birgitte, () => find(birgitte))]);
    expect(atSoeren.id).toBe(atBirgitte.id);
    expect(await db.sql('SELECT count(*)::int AS n FROM advisories WHERE entity_id = $1', [messageId])).toEqual([{ n: 1 }]);
    expect((await page(soeren, 'unassigned')).items.filter((a) => a.entityId === messageId)).toHaveLength(1);
    // Neither desktop pulled DFDG's notifications itself: their own advisory lists stay empty, and asking changes nothing.
    await soeren.call('sync.now', {});
    for (const d of [soeren, birgitte]) expect(d.core.store.advisories.countOpen()).toBe(0);

    // Søren takes it; Birgitte's desktop shows it taken by him, from the feed, within a second.
    const seen = until(birgitte, () => held(birgitte, atSoeren.id)?.takenBy?.name === 'Søren Østergaard' && held(birgitte, atSoeren.id), 1_000);
    const took = await soeren.call('hub.act', { id: atSoeren.id, action: 'take' });
    expect(took).toMatchObject({ queued: false, advisory: { status: 'in-progress', takenBy: { name: 'Søren Østergaard' } } });
    expect((await seen).status).toBe('in-progress');
    expect((await page(soeren, 'mine')).items.map((a) => a.id)).toContain(atSoeren.id);
    expect((await page(birgitte, 'unassigned')).items.map((a) => a.id)).not.toContain(atSoeren.id);

    // Birgitte's take loses: the conflict names who has it and since when.
    const lost = await birgitte.call('hub.act', { id: atSoeren.id, action: 'take' }).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(CoreError);
    expect((lost as CoreError).kind).toBe('conflict');
    expect((lost as CoreError).message).toMatch(/^Taget af Søren Østergaard (kl\. \d\d:\d\d|den \d\d-\d\d-\d{4} kl\. \d\d:\d\d)\.$/);
    expect((await db.sql("SELECT count(*)::int AS n FROM audit WHERE advisory_id = $1 AND action = 'taken'", [atSoeren.id]))[0]).toEqual({ n: 1 });
  });

  it('a desktop offline through 50 changes reconnects from its cursor and ends equal to the hub', async () => {
    const sync = birgitte.core.hub()!;
    const before = { ...sync.stats };
    net.cut();
    await until(birgitte, () => sync.status().state === 'offline');

    // 50 changes by colleagues while Birgitte's desktop cannot reach the hub: Søren's desktop and Ahmad.
    let changes = 0;
    const ids: string[] = [];
    while (changes < 50) {
      const took = await ahmad.call<HubAdvisory>('POST', '/v1/queue/take-next', {});
      expect(took.status).toBe(200);
      ids.push(took.body.id);
      changes++;
      if (changes < 50 && ids.length % 3 === 0) {
        // Ahmad has it: Søren's desktop is refused, then Ahmad finishes it.
        await expect(soeren.call('hub.act', { id: took.body.id, action: 'complete' })).rejects.toMatchObject({ kind: 'conflict' });
        expect((await ahmad.call('POST', `/v1/advisories/${took.body.id}/complete`, {})).status).toBe(200);
        changes++;
      } else if (changes < 50 && ids.length % 4 === 0) {
        expect((await ahmad.call('POST', `/v1/advisories/${took.body.id}/release`, {})).status).toBe(200);
        changes++;
      }
    }
    const truth = await hubQueue(ahmad);
    expect(sync.status().state).toBe('offline');

    // Back online: from the cursor, the 50 changes only; the copy ends equal to the hub.
    net.restore();
    const equal = () => {
      const mine = new Map(birgitte.core.store.hubQueue.all().map((a) => [a.id, a]));
      return mine.size === truth.size && [...truth].every(([id, a]) => JSON.stringify(mine.get(id)) === JSON.stringify(a));
    };
    await until(birgitte, equal);
    expect(new Map(birgitte.core.store.hubQueue.all().map((a) => [a.id, a]))).toEqual(truth);
    expect(sync.stats.fullLoads).toBe(before.fullLoads);
    expect(sync.stats.pagesRead).toBe(before.pagesRead);
    expect(sync.stats.feedConnects).toBeGreaterThan(before.feedConnects);
    expect(sync.stats.eventsApplied - before.eventsApplied).toBe(50);
    expect(sync.status()).toMatchObject({ state: 'online', pending: 0 });
    expect((await page(birgitte, 'all')).total).toBe([...truth.values()].filter((a) => a.status !== 'done').length);
  });

  it('offline, take and complete wait in the outbox and are sent once; one a colleague took first is refused with the name', async () => {
    const sync = birgitte.core.hub()!;
    await sync.whenOnline();
    const free = (await page(birgitte, 'unassigned', 3)).items;
    expect(free.length).toBe(3);
    const [a1, a2] = free as [TeamAdvisory, TeamAdvisory];
    net.cut();
    await until(birgitte, () => sync.status().state === 'offline');

    // Offline: queued with a stable id, shown as waiting; a second action on the same advisory goes after the first.
    expect(await birgitte.call('hub.act', { id: a1.id, action: 'take' })).toMatchObject({ queued: true, advisory: { pending: 'take', status: 'open' } });
    expect(await birgitte.call('hub.act', { id: a1.id, action: 'complete' })).toMatchObject({ queued: true, advisory: { pending: 'complete' } });
    expect(await birgitte.call('hub.act', { id: a2.id, action: 'take' })).toMatchObject({ queued: true });
    expect(sync.status().pending).toBe(3);
    // A queued take counts as hers in Mine at once.
    expect((await page(birgitte, 'mine')).items.map((a) => a.id)).toEqual(expect.arrayContaining([a1.id, a2.id]));
    // Meanwhile Ahmad takes a2 at the hub.
    expect((await ahmad.call('POST', `/v1/advisories/${a2.id}/take`, {})).status).toBe(200);

    net.restore();
    await until(birgitte, () => sync.status().state === 'online' && sync.status().pending === 0);
    const done = await until(birgitte, () => held(birgitte, a1.id)?.status === 'done' && held(birgitte, a1.id));
    expect(done).toMatchObject({ doneBy: { name: 'Birgitte Hjort' }, pending: null, refused: null });
    const refused = await until(birgitte, () => held(birgitte, a2.id)?.refused && held(birgitte, a2.id));
    expect(refused).toMatchObject({ status: 'in-progress', takenBy: { name: 'Ahmad Nielsen' }, pending: null, refused: { action: 'take' } });
    expect(refused.refused!.message).toMatch(/^Taget af Ahmad Nielsen (kl\. \d\d:\d\d|den \d\d-\d\d-\d{4} kl\. \d\d:\d\d)\.$/);
    // Each applied exactly once at the hub, audited with Birgitte's desktop.
    const audit = await db.sql<{ action: string; actor_name: string; n: number }>('SELECT action, actor_name, count(*)::int AS n FROM audit WHERE advisory_id = $1 GROUP BY action, actor_name ORDER BY action', [a1.id]);
    expect(audit).toEqual([
      { action: 'completed', actor_name: 'Birgitte Hjort', n: 1 },
      { action: 'taken', actor_name: 'Birgitte Hjort', n: 1 },
    ]);
  });

  it('a take whose answer was lost on the way back is sent again from the outbox and counted once', async () => {
    const sync = birgitte.core.hub()!;
    await sync.whenOnline();
    const [a] = (await page(birgitte, 'unassigned', 1)).items as [TeamAdvisory];
    // The hub gets the take and does it; the desktop never hears the answer.
    net.loseAnswers();
    expect(await birgitte.call('hub.act', { id: a.id, action: 'take' })).toMatchObject({ queued: true, advisory: { pending: 'take' } });
    expect((await db.sql<{ taken_by_name: string }>('SELECT taken_by_name FROM advisories WHERE id = $1', [a.id]))[0]).toEqual({ taken_by_name: 'Birgitte Hjort' });
    net.restore();
    // Sent again with the version she acted on: the hub answers 409 (it moved on), showing it hers: sent, not refused.
    const mine = await until(birgitte, () => sync.status().pending === 0 && held(birgitte, a.id)?.status === 'in-progress' && held(birgitte, a.id));
    expect(mine).toMatchObject({ takenBy: { name: 'Birgitte Hjort' }, pending: null, refused: null });
    expect(await db.sql("SELECT count(*)::int AS n FROM audit WHERE advisory_id = $1 AND action = 'taken'", [a.id])).toEqual([{ n: 1 }]);
  });
});

describe('team lead and hand-over: take next, give to a colleague, Fordeling, the outbox of team actions', () => {
  it('Tag næste gives the earliest due first, and two desktops calling it at once never get the same advisory; none left says so', async () => {
    await Promise.all([soeren.core.hub()!.whenOnline(), birgitte.core.hub()!.whenOnline()]);
    await seedAdvisories(db, 13, 'membership-changed', 0);
    const earliest = (await db.sql<{ id: string }>("SELECT id::text FROM advisories WHERE kind = 'membership-changed' AND status = 'open' ORDER BY due_key, created_at, id LIMIT 1"))[0]!.id;
    const first = await soeren.call('hub.takeNext', { kind: 'membership-changed' });
    expect(first.advisory).toMatchObject({ id: earliest, status: 'in-progress', takenBy: { name: 'Søren Østergaard' } });
    // Søren's copy holds it as his at once.
    expect((await soeren.call('hub.page', { view: 'mine', offset: 0, limit: 200, kind: 'membership-changed' })).items.map((a) => a.id)).toEqual([earliest]);

    // 12 left; 8 calls from each desktop at once: 12 get one each, all different; the other 4 get none.
    const calls = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? soeren : birgitte).call('hub.takeNext', { kind: 'membership-changed' })));
    const got = calls.flatMap((r) => (r.advisory ? [r.advisory.id] : []));
    expect(got).toHaveLength(12);
    expect(new Set(got).size).toBe(12);
    expect(got).not.toContain(earliest);
    expect(calls.filter((r) => r.advisory === null)).toHaveLength(4);
    expect(await db.sql("SELECT count(*)::int AS n FROM audit a JOIN advisories v ON v.id = a.advisory_id WHERE v.kind = 'membership-changed' AND a.action = 'taken'")).toEqual([{ n: 13 }]);
    expect(await soeren.call('hub.takeNext', { kind: 'membership-changed' })).toEqual({ advisory: null });
  });

  it('Søren hands an advisory to Birgitte by name: audited at the hub, hers in Mine from the feed; a lost race names the holder', async () => {
    const team = await soeren.call('hub.team', {});
    const to = team.caseworkers.find((c) => c.name === 'Birgitte Hjort');
    expect(to).toBeDefined();
    expect(team.me).toBe(soeren.core.hub()!.status().me!.id);
    const [a, b] = (await page(soeren, 'unassigned', 2)).items as [TeamAdvisory, TeamAdvisory];

    const hers = until(birgitte, () => held(birgitte, a.id)?.takenBy?.name === 'Birgitte Hjort' && held(birgitte, a.id), 5_000);
    const handed = await soeren.call('hub.handover', { id: a.id, to: to!.id });
    expect(handed.advisory).toMatchObject({ status: 'in-progress', takenBy: { id: to!.id, name: 'Birgitte Hjort' } });
    await hers;
    expect((await page(birgitte, 'mine')).items.map((x) => x.id)).toContain(a.id);
    expect((await page(soeren, 'mine')).items.map((x) => x.id)).not.toContain(a.id);
    expect(await db.sql("SELECT actor_name, desktop_id IS NOT NULL AS desktop, detail #>> '{to,name}' AS to_name FROM audit WHERE advisory_id = $1 AND action = 'handed-over'", [a.id])).toEqual([
      { actor_name: 'Søren Østergaard', desktop: true, to_name: 'Birgitte Hjort' },
    ]);

    // Ahmad takes b at the hub before Søren's desktop hears of it: Søren's hand-over loses with Ahmad's name.
    expect((await ahmad.call('POST', `/v1/advisories/${b.id}/take`, {})).status).toBe(200);
    const lost = await soeren.call('hub.handover', { id: b.id, to: to!.id }).catch((e: unknown) => e);
    expect(lost).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/^Taget af Ahmad Nielsen (kl\. \d\d:\d\d|den \d\d-\d\d-\d{4} kl\. \d\d:\d\d)\.$/) });
    expect(held(soeren, b.id)).toMatchObject({ takenBy: { name: 'Ahmad Nielsen' } });

    // Fordeling: per colleague open taken, overdue, done today, as the hub counts them.
    const counts = await db.sql<{ name: string; taken: number; done: number }>(
      `SELECT c.name, (SELECT count(*)::int FROM advisories WHERE taken_by = c.id AND status = 'in-progress') AS taken,
              (SELECT count(*)::int FROM advisories WHERE done_by = c.id AND status = 'done' AND done_at >= ((now() AT TIME ZONE 'Europe/Copenhagen')::date::timestamp AT TIME ZONE 'Europe/Copenhagen')) AS done
       FROM caseworkers c ORDER BY c.name`,
    );
    const shown = (await birgitte.call('hub.team', {})).caseworkers;
    for (const c of counts) expect(shown.find((x) => x.name === c.name)).toMatchObject({ taken: c.taken, doneToday: c.done });
    expect(shown.find((x) => x.name === 'Birgitte Hjort')!.doneToday).toBeGreaterThanOrEqual(1);
  });

  it('offline: a team action is listed in the outbox with its state, sent once on reconnect; a refused one is counted until dismissed', async () => {
    const sync = birgitte.core.hub()!;
    await sync.whenOnline();
    const [a1, a2] = (await page(birgitte, 'unassigned', 2)).items as [TeamAdvisory, TeamAdvisory];
    // The refusal of an earlier test is still there, undismissed.
    const before = sync.status().refused;
    expect(before).toBe((await birgitte.call('hub.commands', {})).items.filter((c) => c.state === 'refused').length);
    net.cut();
    await until(birgitte, () => sync.status().state === 'offline');
    // Take next and hand-over need the hub: said at once, nothing queued.
    await expect(birgitte.call('hub.takeNext', {})).rejects.toMatchObject({ kind: 'offline', message: expect.stringContaining('»Tag næste« kræver forbindelse til hubben') });
    await expect(birgitte.call('hub.handover', { id: a1.id, to: 'x' })).rejects.toMatchObject({ kind: 'offline' });
    await expect(birgitte.call('hub.team', {})).rejects.toMatchObject({ kind: 'offline' });

    await birgitte.call('hub.act', { id: a1.id, action: 'take' });
    await birgitte.call('hub.act', { id: a2.id, action: 'take' });
    const queued = (await birgitte.call('hub.commands', {})).items;
    expect(queued.slice(0, 2)).toMatchObject([
      { advisoryId: a2.id, action: 'take', state: 'queued', message: null, title: a2.title, cpr: a2.cpr },
      { advisoryId: a1.id, action: 'take', state: 'queued', message: null, title: a1.title },
    ]);
    expect(sync.status()).toMatchObject({ pending: 2, refused: before });
    // Meanwhile Ahmad takes a2 at the hub.
    expect((await ahmad.call('POST', `/v1/advisories/${a2.id}/take`, {})).status).toBe(200);

    net.restore();
    await until(birgitte, () => sync.status().state === 'online' && sync.status().pending === 0);
    const after = (await birgitte.call('hub.commands', {})).items;
    const one = after.find((c) => c.id === queued[1]!.id)!;
    const two = after.find((c) => c.id === queued[0]!.id)!;
    expect(one).toMatchObject({ state: 'sent', attempts: 1 });
    expect(two).toMatchObject({ state: 'refused', message: expect.stringMatching(/^Taget af Ahmad Nielsen/) });
    expect(sync.status()).toMatchObject({ pending: 0, refused: before + 1 });
    expect(await db.sql("SELECT count(*)::int AS n FROM audit WHERE advisory_id = $1 AND action = 'taken' AND actor_name = 'Birgitte Hjort'", [a1.id])).toEqual([{ n: 1 }]);

    // Dismissed: it leaves the list and the count; a sent one cannot be dismissed.
    const left = (await birgitte.call('hub.dismiss', { id: two.id })).items;
    expect(left.map((c) => c.id)).not.toContain(two.id);
    expect(sync.status().refused).toBe(before);
    await expect(birgitte.call('hub.dismiss', { id: one.id })).rejects.toMatchObject({ kind: 'conflict' });
  });
});
