// The drain against the real sandbox, where the fake cannot stand in: a TLS handshake refused because
// the server's certificate is issued by another CA than the configured one. Nothing reached DFDG, so
// the command is held as 'failed' (not rejected), the drain pauses like offline with cause 'tls', the
// probes use no attempts, and once the certificate is fixed the command is sent exactly once.

import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDfdgClients } from '../../../main/core/dfdg';
import type { DfdgClients, DfdgConfig } from '../../../main/core/dfdg/types';
import { openStore, type Store } from '../../../main/core/store';
import { SyncEngine } from '../../../main/core/sync/engine';
import { Outbox } from '../../../main/core/sync/outbox';
import { addDays } from '../../../shared/dates';
import { TLS_EXPLANATION, outboxExplanation } from '../../../shared/dfdgErrors';
import { ensureCerts, type SandboxCerts } from '../../../sandbox/certs';
import { configFor, identityFor, withSandbox } from '../../contract/helpers';
import { messagePayload } from './helpers';

const env = withSandbox({ citizens: 300, seed: 11 });

/** A second, unrelated certificate authority with its own organisation certificates. */
let foreign: SandboxCerts;
let foreignDir: string;
beforeAll(() => {
  foreignDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfdg-foreign-ca-'));
  foreign = ensureCerts(foreignDir).certs;
});
afterAll(() => {
  fs.rmSync(foreignDir, { recursive: true, force: true });
});

const waitFor = async (what: string, cond: () => boolean, timeoutMs = 10_000) => {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Counts the DFDG write calls the engine makes (handshakes included: each call opens or reuses a connection). */
function counting(clients: DfdgClients): { clients: DfdgClients; writes: () => number } {
  let n = 0;
  const fravaer = clients.fravaer;
  const citizenMessage = clients.citizenMessage;
  return {
    clients: {
      ...clients,
      fravaer: { ...fravaer, createFravaer: (...a: Parameters<typeof fravaer.createFravaer>) => (n++, fravaer.createFravaer(...a)) },
      citizenMessage: { ...citizenMessage, createMessage: (...a: Parameters<typeof citizenMessage.createMessage>) => (n++, citizenMessage.createMessage(...a)) },
    },
    writes: () => n,
  };
}

describe('drain: a TLS handshake DFDG refuses holds the command, it does not reject it', () => {
  let store: Store | null = null;
  let engine: SyncEngine | null = null;
  let dir: string | null = null;
  const opened: DfdgClients[] = [];
  afterEach(async () => {
    await engine?.stop();
    store?.close();
    for (const c of opened.splice(0)) c.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    engine = null;
    store = null;
    dir = null;
  });

  /** A store with one absence and one message queued, and an engine whose clients can be swapped (as createCore does on a settings change). */
  function rig(badTls: DfdgConfig['tls']) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfdg-sync-tls-'));
    store = openStore({ dataDir: dir, key: randomBytes(32) });
    const outbox = new Outbox(store, () => new Date());
    const identity = identityFor(env.sb, 'akasse-067');
    const [a, b] = env.visible('akasse-067');
    const day = addDays(env.today, 40)!;
    const absenceId = randomUUID();
    const ids = store.transaction(() => [
      outbox.enqueue({
        kind: 'absence.create',
        cpr: a!.cpr,
        org: 'akasse:067',
        citizenName: null,
        summary: 'Fravær',
        payload: { cpr: a!.cpr, absenceId, input: { type: 10, start: day, end: day, comment: null, notificationDate: env.today, endReason: null } },
      }).id,
      outbox.enqueue({
        kind: 'message.create',
        cpr: b!.cpr,
        org: 'akasse:067',
        citizenName: null,
        summary: 'Besked',
        payload: messagePayload(b!.cpr, 'Indstilling om tilbud', {
          to: { organisationType: 8, organisationCode: b!.jobcenterCode },
          sender: { organisationType: 2, organisationCode: identity.organisation.code, userIdentifier: identity.caseworker.userIdentifier },
        }),
      }).id,
    ]);
    const good = configFor(env.sb, 'akasse-067');
    const bad = counting(createDfdgClients({ ...good, tls: badTls }));
    opened.push(bad.clients);
    let current: DfdgClients = bad.clients;
    const maxAttempts = 3;
    engine = new SyncEngine({
      store,
      outbox,
      clients: () => current,
      identity: () => identity,
      clock: () => new Date(),
      baseDelayMs: 5,
      maxDelayMs: 20,
      settleMs: 0,
      // Probes far enough apart that the commands can be seen at rest between two of them.
      probeMs: 100,
      probeMaxMs: 100,
      stopTimeoutMs: 500,
      maxAttempts,
    });
    return {
      outbox,
      ids,
      absenceId,
      maxAttempts,
      writes: bad.writes,
      /** The caseworker fixes the certificate in Indstillinger: new clients, back online (createCore's applyConfig). */
      fix: () => {
        const fixed = createDfdgClients(good);
        opened.push(fixed);
        current = fixed;
        engine!.connectivity.set(true, null);
        engine!.kick();
      },
    };
  }

  async function expectHeldThenSent(r: ReturnType<typeof rig>, textPattern: RegExp): Promise<void> {
    const before = await env.admin.stats();
    engine!.start();
    await waitFor('both commands held as failed', () => r.ids.every((id) => r.outbox.get(id)?.state === 'failed'));
    // DFDG is treated as out of reach for a certificate reason: the drain pauses (one probe at a time).
    expect(engine!.connectivity.online).toBe(false);
    expect(engine!.connectivity.cause).toBe('tls');
    // Let it probe more often than the attempt cap allows: a refused handshake never uses an attempt.
    await waitFor('probes beyond the attempt cap', () => r.writes() > r.maxAttempts + 2);
    await waitFor('both at rest between two probes', () => r.ids.every((id) => r.outbox.get(id)?.state === 'failed'));
    for (const id of r.ids) {
      const rec = r.outbox.get(id)!;
      expect(rec.state).toBe('failed');
      expect(rec.attempts).toBe(0);
      expect(rec.error?.text).toMatch(textPattern);
      expect(outboxExplanation(rec.state, rec.error, rec.kind)).toBe(TLS_EXPLANATION);
    }
    expect(engine!.status()).toMatchObject({ online: false, rejected: 0, pending: 2 });
    // Nothing reached DFDG.
    const during = await env.admin.stats();
    expect(during.logical.applied).toBe(before.logical.applied);

    r.fix();
    await engine!.whenDrained(15_000);
    for (const id of r.ids) expect(r.outbox.get(id)).toMatchObject({ state: 'sent', attempts: 1, error: null });
    expect(engine!.connectivity.online).toBe(true);
    const after = await env.admin.stats();
    expect(after.logical.applied - before.logical.applied).toBe(2);
    expect(after.logical.duplicates).toBe(before.logical.duplicates);
    const absence = await env.clientsFor('akasse-067').fravaer.getFravaer(env.ctxFor('akasse-067'), env.visible('akasse-067')[0]!.cpr, r.absenceId);
    expect(absence?.id).toBe(r.absenceId);
  }

  it('the server certificate is issued by another CA than the configured one', { timeout: 60_000 }, async () => {
    const org = env.sb.certs.orgs['akasse-067']!;
    const r = rig({ kind: 'pem', ca: foreign.caPem, cert: org.certPem, key: org.keyPem });
    await expectHeldThenSent(r, /certifikat/i);
  });
});
