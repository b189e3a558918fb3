// A certificate refusal reaches the renderer as what it is. The core runs against the real sandbox with
// a CA that did not issue the sandbox's server certificate (the fake cannot refuse a handshake): the
// held command's outbox item keeps error.kind 'tls' through the IPC contract (the dispatcher checks
// and strips responses by their schema), and the status, connectivity.changed and outbox.changed carry
// cause 'tls', so the renderer can point to Indstillinger → Certifikat instead of "DFDG kan ikke nås".

import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core/app';
import { createDispatcher, registerEventForwarding } from '../../../main/core/ipc';
import { addDays } from '../../../shared/dates';
import { events } from '../../../shared/contract';
import type { ChannelResponse, EventName } from '../../../shared/ipc';
import { ensureCerts, type SandboxCerts } from '../../../sandbox/certs';
import { configFor, identityFor, withSandbox } from '../../contract/helpers';

const env = withSandbox({ citizens: 200, seed: 12 });

let foreign: SandboxCerts;
let foreignDir: string;
beforeAll(() => {
  foreignDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfdg-foreign-ca-'));
  foreign = ensureCerts(foreignDir).certs;
});
afterAll(() => fs.rmSync(foreignDir, { recursive: true, force: true }));

let core: Core | null = null;
let dir: string | null = null;
afterEach(async () => {
  await core?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  core = null;
  dir = null;
});

const waitFor = async (what: string, cond: () => boolean, timeoutMs = 15_000) => {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('a TLS refusal through the IPC contract', () => {
  it('the held command keeps kind tls in outbox.list, and the status and the events say cause tls', { timeout: 60_000 }, async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfdg-app-tls-'));
    const org = env.sb.certs.orgs['akasse-067']!;
    const good = configFor(env.sb, 'akasse-067');
    core = await createCore({
      dataDir: dir,
      dbKey: randomBytes(32),
      settings: null,
      dfdg: { ...good, tls: { kind: 'pem', ca: foreign.caPem, cert: org.certPem, key: org.keyPem } },
      identity: identityFor(env.sb, 'akasse-067'),
      mode: 'dfdg',
      engine: { baseDelayMs: 5, maxDelayMs: 20, settleMs: 0, probeMs: 200, probeMaxMs: 200, stopTimeoutMs: 500 },
      pollIntervalMs: 3_600_000,
      retention: false,
    });
    // What the renderer receives: every event forwarded, then read by its schema.
    const seen: { event: EventName; payload: unknown }[] = [];
    registerEventForwarding(core.on, (event, payload) => seen.push({ event, payload: events[event].parse(payload) }), { validate: true, onError: (e) => { throw new Error(`event ${e} failed its schema`); } });
    const dispatch = createDispatcher(core.handlers, { validateResponses: true, onError: (_c, err) => { throw err; } });
    const ask = async <T>(channel: string): Promise<T> => {
      const r = await dispatch(channel, {});
      if (!r.ok) throw new Error(`${channel} failed: ${r.error.message}`);
      return r.data as T;
    };

    const citizen = env.visible('akasse-067')[0]!;
    const day = addDays(env.today, 30)!;
    const id = core.store.transaction(
      () =>
        core!.outbox.enqueue({
          kind: 'absence.create',
          cpr: citizen.cpr,
          org: 'akasse:067',
          citizenName: null,
          summary: 'Fravær',
          payload: { cpr: citizen.cpr, absenceId: randomUUID(), input: { type: 10, start: day, end: day, comment: null, notificationDate: env.today, endReason: null } },
        }).id,
    );
    core.start();
    await waitFor('the command held as failed', () => core!.outbox.get(id)?.state === 'failed');

    const list = await ask<ChannelResponse<'outbox.list'>>('outbox.list');
    const item = list.items.find((i) => i.id === id)!;
    expect(item).toMatchObject({ state: 'failed', error: { kind: 'tls', code: null } });
    expect(item.explanation?.advice).toMatch(/Indstillinger → Certifikat/);
    expect(list.status).toMatchObject({ online: false, cause: 'tls' });
    expect((await ask<ChannelResponse<'app.info'>>('app.info')).status).toMatchObject({ online: false, cause: 'tls' });
    expect(await ask<ChannelResponse<'sync.now'>>('sync.now')).toMatchObject({ online: false, cause: 'tls' });

    expect(seen.filter((s) => s.event === 'connectivity.changed').map((s) => s.payload)).toContainEqual({ online: false, reason: expect.stringMatching(/certifikat/i), cause: 'tls' });
    // outbox.changed is coalesced (100 ms): the one after the hold says why nothing is sent.
    const offlineStatus = () => seen.filter((s) => s.event === 'outbox.changed').map((s) => (s.payload as { status: { online: boolean } }).status).filter((st) => !st.online);
    await waitFor('an outbox.changed while offline', () => offlineStatus().length > 0, 2_000);
    for (const st of offlineStatus()) expect(st).toMatchObject({ online: false, cause: 'tls' });
  });
});
