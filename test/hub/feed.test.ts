// The change feed: a change made at one replica reaches a desktop subscribed at another; a desktop
// offline through 50 changes resumes from its cursor and ends equal to the hub; a cursor older than
// the retention gets `reload`; and a change id taken by a transaction that has not committed yet
// holds the feed back (never skipped), while one rolled back is passed.

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubHandle } from '../../hub/server';
import type { HubAdvisory, HubChangeEvent, HubPage } from '../../shared/hubApi';
import type { TestSandbox } from '../sandbox/helpers';
import { caseworker, ORG, readFeed, seedAdvisories, startHubSandbox, startTestDatabase, startTestHub, type Caseworker, type SseEvent, type TestDatabase } from './helpers';

let t: TestSandbox;
let db: TestDatabase;
let a: HubHandle;
let b: HubHandle;
let soeren: Caseworker;
let birgitte: Caseworker;
let ahmadAtB: Caseworker;

beforeAll(async () => {
  [t, db] = await Promise.all([startHubSandbox(), startTestDatabase()]);
  a = await startTestHub(t.sb, db.url, { intake: false });
  b = await startTestHub(t.sb, db.url, { intake: false });
  soeren = caseworker(t.sb, 'jobcenter-10100-1', a.url);
  birgitte = caseworker(t.sb, 'jobcenter-10100-2', a.url);
  ahmadAtB = caseworker(t.sb, 'jobcenter-10100-3', b.url);
  await seedAdvisories(db, 60, 'recommendation-received');
});

afterAll(async () => {
  for (const c of [soeren, birgitte, ahmadAtB]) c?.agent.destroy();
  await a?.close();
  await b?.close();
  await Promise.all([t?.close(), db?.close()]);
});

const advisoryEvents = (events: SseEvent[]) => events.filter((e) => e.event === 'advisory');

async function allAdvisories(who: Caseworker): Promise<{ items: HubAdvisory[]; feedCursor: string }> {
  const items: HubAdvisory[] = [];
  let feedCursor = '';
  for (const view of ['all', 'done'] as const) {
    let cursor: string | null = null;
    do {
      const r: { body: HubPage } = await who.call<HubPage>('GET', `/v1/advisories?view=${view}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      if (view === 'all' && !feedCursor) feedCursor = r.body.feedCursor;
      items.push(...r.body.items);
      cursor = r.body.nextCursor;
    } while (cursor);
  }
  return { items, feedCursor };
}

describe('change feed', () => {
  it('a change at one replica reaches a desktop subscribed at the other', async () => {
    const feed = await readFeed(ahmadAtB.agent, b.url, null);
    try {
      await feed.until((e) => e.some((x) => x.event === 'hello'));
      const taken = await soeren.call<HubAdvisory>('POST', '/v1/queue/take-next', {});
      expect(taken.status).toBe(200);
      await feed.until((e) => advisoryEvents(e).some((x) => (x.data as HubChangeEvent).advisory.id === taken.body.id));
      const ev = advisoryEvents(feed.events).find((x) => (x.data as HubChangeEvent).advisory.id === taken.body.id)!;
      expect(ev.data).toMatchObject({ op: 'taken', by: { name: 'Søren Østergaard' }, advisory: { status: 'in-progress', version: taken.body.version } });
      expect(ev.id).toMatch(/^\d+$/);
    } finally {
      feed.close();
    }
  });

  it('a desktop offline through 50 changes reconnects from its cursor and ends equal to the hub', async () => {
    // The desktop: a full first load, then the feed from the page's cursor.
    const first = await allAdvisories(birgitte);
    const local = new Map(first.items.map((x) => [x.id, x]));
    const apply = (events: SseEvent[]) => {
      for (const e of advisoryEvents(events)) {
        const adv = (e.data as HubChangeEvent).advisory;
        const have = local.get(adv.id);
        if (!have || have.version < adv.version) local.set(adv.id, adv);
      }
    };
    const online = await readFeed(birgitte.agent, a.url, first.feedCursor);
    await online.until((e) => e.some((x) => x.event === 'hello'));
    const mine = await birgitte.call<HubAdvisory>('POST', '/v1/queue/take-next', {});
    await online.until((e) => advisoryEvents(e).length >= 1);
    apply(online.events);
    const cursor = advisoryEvents(online.events).at(-1)!.id!;
    online.close();

    // Offline: 50 changes by colleagues, at both replicas.
    const ids: string[] = [];
    let changes = 0;
    while (changes < 50) {
      const who = changes % 2 === 0 ? soeren : ahmadAtB;
      const took = await who.call<HubAdvisory>('POST', '/v1/queue/take-next', {});
      expect(took.status).toBe(200);
      ids.push(took.body.id);
      changes++;
      if (changes < 50 && ids.length % 3 === 0) {
        expect((await who.call('POST', `/v1/advisories/${took.body.id}/complete`, {})).status).toBe(200);
        changes++;
      } else if (changes < 50 && ids.length % 5 === 0) {
        expect((await who.call('POST', `/v1/advisories/${took.body.id}/release`, {})).status).toBe(200);
        changes++;
      }
    }
    expect((await soeren.call('POST', `/v1/advisories/${mine.body.id}/complete`, {})).status).toBe(409); // still Birgitte's

    // Back online from the cursor: exactly the 50 changes, in order, no reload.
    const back = await readFeed(birgitte.agent, a.url, cursor);
    try {
      await back.until((e) => advisoryEvents(e).length >= 50);
      expect(back.events.some((e) => e.event === 'reload')).toBe(false);
      const got = advisoryEvents(back.events);
      expect(got).toHaveLength(50);
      const eventIds = got.map((e) => BigInt(e.id!));
      expect(eventIds.every((id, i) => i === 0 || id > eventIds[i - 1]!)).toBe(true);
      expect(eventIds[0]! > BigInt(cursor)).toBe(true);
      apply(back.events);
    } finally {
      back.close();
    }
    const hub = await allAdvisories(birgitte);
    expect(local.size).toBe(hub.items.length);
    expect(local).toEqual(new Map(hub.items.map((x) => [x.id, x])));
  });

  it('answers a cursor older than the kept changes, or one this database never gave, with reload', async () => {
    await soeren.call('POST', '/v1/queue/take-next', {});
    await new Promise((r) => setTimeout(r, 100));
    expect(await a.feed.prune(0)).toBeGreaterThan(0);
    const old = await readFeed(soeren.agent, a.url, '1');
    await old.until((e) => e.some((x) => x.event === 'reload'));
    expect(old.events.find((x) => x.event === 'reload')!.data).toMatchObject({ reason: 'expired' });
    old.close();
    const future = await readFeed(soeren.agent, a.url, '999999999');
    await future.until((e) => e.some((x) => x.event === 'reload'));
    expect(future.events.find((x) => x.event === 'reload')!.data).toMatchObject({ reason: 'unknown-cursor' });
    // After reload the stream goes on live.
    const took = await soeren.call<HubAdvisory>('POST', '/v1/queue/take-next', {});
    await future.until((e) => advisoryEvents(e).some((x) => (x.data as HubChangeEvent).advisory.id === took.body.id));
    future.close();
  });

  it('never skips a change whose transaction commits late, and passes one that was rolled back', async () => {
    const feed = await readFeed(soeren.agent, a.url, a.feed.cursor);
    const held = new pg.Client({ connectionString: db.url });
    await held.connect();
    try {
      await feed.until((e) => e.some((x) => x.event === 'hello'));
      for (const outcome of ['COMMIT', 'ROLLBACK'] as const) {
        const before = advisoryEvents(feed.events).length;
        const some = (await soeren.call<HubPage>('GET', '/v1/advisories?view=unassigned&limit=1')).body.items[0]!;
        // A transaction takes a change id first and commits last.
        await held.query('BEGIN');
        const late = await held.query<{ id: string }>(
          "INSERT INTO changes (org, advisory_id, op, data) VALUES ($1, $2, 'reopened', $3) RETURNING id::text",
          [ORG, some.id, JSON.stringify({ op: 'reopened', advisory: { ...some, version: 99 }, by: null, at: new Date().toISOString() })],
        );
        const took = await ahmadAtB.call<HubAdvisory>('POST', '/v1/queue/take-next', {});
        expect(took.status).toBe(200);
        // The later id is committed, but the feed holds it back while the earlier one may still come.
        await new Promise((r) => setTimeout(r, 400));
        expect(advisoryEvents(feed.events).length).toBe(before);
        await held.query(outcome);
        await feed.until((e) => advisoryEvents(e).some((x) => (x.data as HubChangeEvent).advisory.id === took.body.id));
        const got = advisoryEvents(feed.events).slice(before);
        if (outcome === 'COMMIT') {
          expect(got.map((x) => x.id)).toEqual([late.rows[0]!.id, expect.any(String)]);
          expect(BigInt(got[1]!.id!)).toBeGreaterThan(BigInt(late.rows[0]!.id));
        } else {
          expect(got).toHaveLength(1);
          expect((got[0]!.data as HubChangeEvent).advisory.id).toBe(took.body.id);
        }
      }
    } finally {
      await held.end();
      feed.close();
    }
  });
});
