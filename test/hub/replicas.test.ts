// Two hub replicas (separate processes, `npm run hub`) on one database, 2,000 notifications
// waiting at DFDG: one pulls at a time; kill -9 the puller in the middle of a sequence and the
// other takes over; every notification is stored exactly once, with exactly one advisory.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDfdgClients } from '../../main/core/dfdg/index';
import { identityFromTls } from '../../main/core/dfdg/identity';
import type { TestSandbox } from '../sandbox/helpers';
import { caseworker, eventually, ORG, spawnHub, startHubSandbox, startTestDatabase, type Caseworker, type HubProcess, type TestDatabase } from './helpers';

let t: TestSandbox;
let db: TestDatabase;
const hubs: HubProcess[] = [];
const people: Caseworker[] = [];

beforeAll(async () => {
  [t, db] = await Promise.all([startHubSandbox(), startTestDatabase()]);
});

afterAll(async () => {
  for (const p of people) p.agent.destroy();
  for (const h of hubs) await h.kill('SIGKILL').catch(() => undefined);
  await Promise.all([t?.close(), db?.close()]);
});

interface Health {
  replica: string;
  puller: boolean;
}

describe('two replicas, one puller', () => {
  it('stores 2,000 notifications exactly once; kill -9 of the puller mid-sequence: the other takes over, nothing lost, nothing doubled', async () => {
    const raised = await t.admin.raiseNotifications({ org: ORG, count: 2000 });
    // Slow Get<Event> answers, so a sequence is in flight long enough to be cut.
    await t.admin.setFaults({ latencyMs: 300, services: ['WsrmMessageService'] });
    const [a, b] = await Promise.all([spawnHub(t.sb, db.url, ['--interval-ms', '300']), spawnHub(t.sb, db.url, ['--interval-ms', '300'])]);
    hubs.push(a, b);
    const health = async (h: HubProcess) => {
      const c = caseworker(t.sb, 'jobcenter-10100-1', h.url);
      people.push(c);
      return (await c.call<Health>('GET', '/v1/health')).body;
    };
    const [puller, other] = await eventually(async () => {
      const [ha, hb] = await Promise.all([health(a), health(b)]);
      if (ha.puller === hb.puller) return null; // nobody yet (never both: checked below too)
      return ha.puller ? ([a, b] as const) : ([b, a] as const);
    });
    const pullerId = (await health(puller)).replica;
    const otherId = (await health(other)).replica;
    expect(pullerId).not.toBe(otherId);

    const stored = async () => (await db.sql<{ n: number }>('SELECT count(*)::int AS n FROM notifications'))[0]!.n;
    const open = async () => {
      const ops = (await t.admin.stats()).operations;
      return (ops['WsrmService.CreateSequence']?.requests ?? 0) - (ops['WsrmService.TerminateSequence']?.requests ?? 0) - (ops['WsrmService.CloseSequence']?.requests ?? 0);
    };
    // Wait until a first sequence is stored and the next one is open (its Get<Event> under way).
    await eventually(async () => (await stored()) >= 500 && (await open()) === 1, 60_000, 10);
    const before = await stored();
    await puller.kill('SIGKILL');
    expect(before).toBeLessThan(2000);

    // The other replica takes over and pulls the rest, including the cut sequence again.
    await eventually(async () => (await health(other)).puller, 30_000, 100);
    await t.admin.clearFaults();
    await eventually(async () => (await stored()) === 2000, 60_000, 100);

    const counts = await db.sql<{ notifications: number; distinct_ids: number; advisories: number; created: number; stored: number }>(
      `SELECT (SELECT count(*)::int FROM notifications) AS notifications,
              (SELECT count(DISTINCT message_identifier)::int FROM notifications) AS distinct_ids,
              (SELECT count(*)::int FROM notifications WHERE state = 'stored') AS stored,
              (SELECT count(*)::int FROM advisories) AS advisories,
              (SELECT count(*)::int FROM changes WHERE op = 'created') AS created`,
    );
    expect(counts[0]).toEqual({ notifications: 2000, distinct_ids: 2000, stored: 2000, advisories: 2000, created: 2000 });
    const ids = await db.sql<{ message_identifier: string }>('SELECT message_identifier FROM notifications');
    expect(new Set(ids.map((r) => r.message_identifier))).toEqual(new Set(raised.messageIdentifiers));

    // One puller at a time: the first replica's rows all come before the second's.
    const by = await db.sql<{ received_by: string; first: string; last: string; n: number }>(
      'SELECT received_by, min(id)::text AS first, max(id)::text AS last, count(*)::int AS n FROM notifications GROUP BY received_by ORDER BY min(id)',
    );
    expect(by.map((r) => r.received_by)).toEqual([pullerId, otherId]);
    expect(BigInt(by[0]!.last)).toBeLessThan(BigInt(by[1]!.first));
    expect(by[0]!.n).toBe(before);

    // DFDG's queue is empty: everything was acknowledged.
    const o = t.sb.certs.orgs[ORG]!;
    const tls = { kind: 'pkcs12' as const, pfx: o.p12, passphrase: t.sb.certs.passphrase, ca: t.sb.certs.caPem };
    const clients = createDfdgClients({ baseUrl: t.sb.url, tls });
    const ctx = { identity: identityFromTls(tls), userType: 3 as const };
    const seq = await clients.wsrm.createSequence(ctx);
    await clients.wsrm.closeSequence(ctx, seq.sequenceId);
    clients.close();
    expect(seq.messages).toHaveLength(0);
  }, 180_000);
});
