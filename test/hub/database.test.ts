// The hub's database: migrations applied once when replicas start together, a changed migration
// refused; and the database stopped mid-run: callers get 503 with a Danish message, nothing is
// half-written, and the hub (API, feed, intake) recovers by itself when the database is back.

import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../hub/db/migrate';
import type { HubHandle } from '../../hub/server';
import type { HubAdvisory, HubChangeEvent, HubError } from '../../shared/hubApi';
import type { TestSandbox } from '../sandbox/helpers';
import { caseworker, eventually, ORG, readFeed, seedAdvisories, startHubSandbox, startTestDatabase, startTestHub, tempDir, type Caseworker, type TestDatabase } from './helpers';

let t: TestSandbox;
let db: TestDatabase;

beforeAll(async () => {
  [t, db] = await Promise.all([startHubSandbox(), startTestDatabase()]);
});

afterAll(async () => {
  await Promise.all([t?.close(), db?.close()]);
});

describe('migrations', () => {
  it('are applied once when several replicas start at the same time, and a changed one is refused', async () => {
    await db.sql('CREATE DATABASE migrations_race');
    const url = db.url.replace(/\/dfdg_hub$/, '/migrations_race');
    const clients = Array.from({ length: 4 }, () => new pg.Client({ connectionString: url }));
    await Promise.all(clients.map((c) => c.connect()));
    try {
      const applied = await Promise.all(clients.map((c) => migrate(c)));
      const all = loadMigrations().map((m) => m.version);
      expect(applied.flat().sort()).toEqual(all);
      expect(applied.filter((a) => a.length > 0)).toHaveLength(1);
      const rows = await clients[0]!.query<{ version: number }>('SELECT version FROM hub_migrations ORDER BY version');
      expect(rows.rows.map((r) => r.version)).toEqual(all);

      const dir = tempDir('migrations');
      for (const m of loadMigrations()) fs.writeFileSync(path.join(dir, `${String(m.version).padStart(4, '0')}_${m.name}.sql`), m.sql + '\n-- edited\n');
      await expect(migrate(clients[1]!, loadMigrations(dir))).rejects.toThrow(/was changed after it was applied/);
      fs.writeFileSync(path.join(dir, `${String(all.length + 2).padStart(4, '0')}_later.sql`), 'SELECT 1;');
      expect(() => loadMigrations(dir)).toThrow(/without gaps/);
      fs.rmSync(dir, { recursive: true, force: true });
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });
});

describe('the database stopped mid-run', () => {
  let hub: HubHandle;
  let soeren: Caseworker;

  beforeAll(async () => {
    hub = await startTestHub(t.sb, db.url, { intervalMs: 200 });
    soeren = caseworker(t.sb, 'jobcenter-10100-1', hub.url, { maxSockets: 40 });
    await seedAdvisories(db, 200, 'recommendation-received');
  });

  afterAll(async () => {
    soeren?.agent.destroy();
    await hub?.close();
  });

  it('answers 503 in Danish while it is away, writes nothing by halves, and recovers by itself', async () => {
    expect((await soeren.call('POST', '/v1/queue/take-next', {})).status).toBe(200);
    const feed = await readFeed(soeren.agent, hub.url, hub.feed.cursor);
    await feed.until((e) => e.some((x) => x.event === 'hello'));

    // Changes in flight while the database stops: each either happened whole or not at all.
    const burst = Array.from({ length: 40 }, (_, i) => soeren.call<HubAdvisory | HubError>('POST', '/v1/queue/take-next', {}, { desktop: `burst-${i}` }));
    await new Promise((r) => setTimeout(r, 5));
    await db.stop();
    const answers = await Promise.all(burst);
    expect(answers.every((r) => r.status === 200 || r.status === 503)).toBe(true);

    const down = await soeren.call<HubError>('GET', '/v1/advisories?view=unassigned');
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('2');
    expect(down.body).toEqual({ code: 'database-unavailable', message: 'Hubbens database kan ikke nås lige nu. Intet er gemt; prøv igen om lidt.' });
    const take = await soeren.call<HubError>('POST', '/v1/queue/take-next', {});
    expect([take.status, take.body.code]).toEqual([503, 'database-unavailable']);
    expect((await soeren.call<{ database: boolean }>('GET', '/v1/health')).body.database).toBe(false);
    const noFeed = await soeren.call<HubError>('GET', '/v1/changes', undefined, { headers: { 'last-event-id': '1' } });
    expect([noFeed.status, noFeed.body.code]).toEqual([503, 'database-unavailable']);

    await db.start();
    // The API comes back without a restart of the hub.
    const page = await eventually(async () => {
      const r = await soeren.call<{ items: HubAdvisory[] }>('GET', '/v1/advisories?view=unassigned&limit=1');
      return r.status === 200 ? r : null;
    }, 30_000, 200);
    expect(page.body.items).toHaveLength(1);

    // Nothing half-written: every advisory's version matches its changes and its audit rows.
    const broken = await db.sql(
      `SELECT a.id, a.version,
              (SELECT count(*) FROM changes c WHERE c.advisory_id = a.id AND c.op <> 'created') AS changes,
              (SELECT count(*) FROM audit u WHERE u.advisory_id = a.id AND u.action <> 'created') AS audits
       FROM advisories a
       WHERE a.version - 1 <> (SELECT count(*) FROM changes c WHERE c.advisory_id = a.id AND c.op <> 'created')
          OR a.version - 1 <> (SELECT count(*) FROM audit u WHERE u.advisory_id = a.id AND u.action <> 'created')`,
    );
    expect(broken).toEqual([]);
    // Every take answered 200 is in the database as taken by Søren.
    const ok = answers.filter((r) => r.status === 200).map((r) => (r.body as HubAdvisory).id);
    if (ok.length) {
      const rows = await db.sql<{ n: number }>("SELECT count(*)::int AS n FROM advisories WHERE id = ANY($1::uuid[]) AND status = 'in-progress' AND taken_by = $2", [ok, soeren.id]);
      expect(rows[0]!.n).toBe(ok.length);
    }

    // The feed recovers: a change made now reaches the desktop that stayed connected.
    const took = await soeren.call<HubAdvisory>('POST', '/v1/queue/take-next', {});
    expect(took.status).toBe(200);
    await feed.until((e) => e.some((x) => x.event === 'advisory' && (x.data as HubChangeEvent).advisory.id === took.body.id), 20_000);
    feed.close();

    // The intake recovers: notifications raised now are stored.
    const raised = await t.admin.raiseNotifications({ org: ORG, count: 2 });
    await eventually(async () => (await db.sql<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE message_identifier = ANY($1)', [raised.messageIdentifiers]))[0]!.n === 2, 30_000, 100);
    expect((await soeren.call<{ database: boolean; puller: boolean }>('GET', '/v1/health')).body).toMatchObject({ database: true, puller: true });
  }, 120_000);
});
