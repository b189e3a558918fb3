// A proxy in front of DFDG that refuses, through the whole core: the core runs against the real sandbox
// behind a CONNECT proxy on loopback that answers 403. The caseworker is told the proxy is the cause
// (IPC error, connectivity reason), never "DFDG kan ikke nås"; what was written waits in the outbox
// without using attempts; and once the proxy setting is fixed (the shell hands the core a new target) it
// goes out through the working proxy, once.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core/app';
import { createDispatcher } from '../../../main/core/ipc';
import type { EventPayload } from '../../../shared/ipc';
import { events } from '../../../shared/contract';
import { startConnectProxy } from '../dfdg/localServer';
import { messagePayload, waitFor } from '../sync/helpers';
import { configFor, identityFor, withSandbox } from '../../contract/helpers';

const env = withSandbox({ citizens: 200, seed: 14 });
const ORG = 'akasse-067';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

describe('a proxy that refuses, through the core', () => {
  it('names the proxy to the caseworker, keeps the message waiting without using attempts, and sends it once through the fixed proxy', { timeout: 60_000 }, async () => {
    const refusing = await startConnectProxy({ refuse: 403 });
    const working = await startConnectProxy();
    cleanups.push(() => refusing.close(), () => working.close());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfdg-app-proxy-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const identity = identityFor(env.sb, ORG);
    const direct = configFor(env.sb, ORG);
    const core: Core = await createCore({
      dataDir: dir,
      dbKey: randomBytes(32),
      settings: null,
      dfdg: { ...direct, proxyUrl: refusing.url },
      identity,
      mode: 'dfdg',
      engine: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3, settleMs: 0, probeMs: 20, probeMaxMs: 20, stopTimeoutMs: 500 },
      pollIntervalMs: 3_600_000,
      retention: false,
    });
    cleanups.splice(0, 0, () => core.stop());
    const reasons: EventPayload<'connectivity.changed'>[] = [];
    core.on('connectivity.changed', (p) => reasons.push(events['connectivity.changed'].parse(p)));
    const dispatch = createDispatcher(core.handlers);

    // Opening a citizen that is not cached: the proxy is named, and what it means here.
    const [first, second] = env.visible(ORG);
    const opened = await dispatch('citizens.open', { cpr: first!.cpr, purpose: 'citizen-page' });
    expect(opened).toMatchObject({ ok: false, error: { kind: 'offline' } });
    const message = (opened as { error: { message: string } }).error.message;
    expect(message).toMatch(new RegExp(`^Proxyen 127\\.0\\.0\\.1:${refusing.port} afviste forbindelsen til DFDG \\(HTTP 403\\)\\. .*Borgeren er ikke gemt på computeren\\.$`));
    expect(message).not.toMatch(/DFDG kan ikke nås/);

    // A message written meanwhile waits; probes through the refusing proxy cost no attempt.
    const id = core.store.transaction(() => core.outbox.enqueue({ kind: 'message.create', cpr: second!.cpr, org: 'akasse:067', citizenName: null, summary: 'Besked', payload: messagePayload(second!.cpr, 'Gennem proxyen', { to: { organisationType: 8, organisationCode: second!.jobcenterCode }, sender: { organisationType: 2, organisationCode: '067', userIdentifier: identity.caseworker.userIdentifier } }) }).id);
    core.start();
    await waitFor('offline over the proxy', () => !core.connectivity.online, 10_000);
    await waitFor('more probes than the attempt cap', () => refusing.targets.length >= 8, 10_000);
    expect(core.outbox.get(id)).toMatchObject({ state: expect.stringMatching(/^(failed|sending)$/) });
    expect(core.outbox.get(id)!.attempts).toBeLessThanOrEqual(2);
    // The outbox names the proxy too (the item carries kind 'proxy' and main's explanation of it).
    await waitFor('the proxy recorded on the item', () => core.outbox.get(id)!.error?.kind === 'proxy', 10_000);
    expect(core.outbox.get(id)!.error!.text).toMatch(/^Proxyen 127\.0\.0\.1:\d+ afviste forbindelsen/);
    expect(reasons.at(-1)).toMatchObject({ online: false, cause: 'unreachable', reason: expect.stringMatching(/^Proxyen 127\.0\.0\.1:\d+ afviste forbindelsen til DFDG \(HTTP 403\)/) });
    expect(reasons.some((r) => /DFDG kan ikke nås/.test(r.reason ?? ''))).toBe(false);
    expect((await env.admin.stats()).operations['CitizenMessageService.CreateMessage']?.requests ?? 0).toBe(0);

    // The caseworker fixes the proxy in Indstillinger; the shell hands the core its new target.
    core.reconfigure({ dfdg: { ...direct, proxyUrl: working.url }, identity, mode: 'dfdg' });
    await core.engine.whenDrained(20_000);
    expect(core.outbox.get(id)).toMatchObject({ state: 'sent' });
    expect(working.targets.length).toBeGreaterThan(0);
    expect(new Set(working.targets)).toEqual(new Set([`127.0.0.1:${new URL(env.sb.url).port}`]));
    const stats = await env.admin.stats();
    expect(stats.operations['CitizenMessageService.CreateMessage']?.applied).toBe(1);
    expect(stats.logical.duplicates).toBe(0);
  });
});
