// The PKCS#12 import checks the file in a worker thread (main/core/settings/certificateImport.ts and
// certificateWorker.ts, loaded by Node from the sources), never on the main thread: node-forge does
// not parse it here, the event loop keeps turning while a heavy (at the cap) file is read, a file over
// the iteration cap is refused with its Danish message before any key is derived, and a file the
// check cannot finish in time is refused when the deadline stops its worker. node:worker_threads is
// wrapped to see which workers start and end (they are real workers).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as WorkerThreads from 'node:worker_threads';
import forge from 'node-forge';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdentityError } from '../../../main/core/dfdg/identity';
import { CoreError } from '../../../main/core/errors';
import { SettingsService, createTestSecretStore } from '../../../main/core/settings';
import { checkPkcs12OffThread } from '../../../main/core/settings/certificateImport';
import { withIterations } from '../../fixtures/pkcs12';
import { makeClientCert, TEST_RID } from './certs';
import { thrownBy } from '../support/thrown';

const seen = vi.hoisted(() => ({ started: [] as string[], ended: 0 }));
vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof WorkerThreads>();
  class Worker extends real.Worker {
    constructor(...args: ConstructorParameters<typeof real.Worker>) {
      super(...args);
      seen.started.push(String(args[0]));
      this.once('exit', () => seen.ended++);
    }
  }
  return { ...real, default: { ...real, Worker }, Worker };
});

const NOW = new Date('2027-06-01T10:00:00Z');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfdg-cert-import-'));
  seen.started = [];
  seen.ended = 0;
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const open = () => SettingsService.open(dir, createTestSecretStore(), { clock: () => NOW });

const refusal = (p: Promise<unknown>): Promise<CoreError> => thrownBy(p, CoreError, 'expected a refusal');

describe('importCertificate checks the PKCS#12 file in a worker thread', () => {
  it('imports a normal bundle; node-forge never parses it on this thread, and the worker ends afterwards', async () => {
    const parseHere = vi.spyOn(forge.pkcs12, 'pkcs12FromAsn1');
    const cert = makeClientCert();
    const s = await open();
    const identity = await s.importCertificate(cert.p12, cert.passphrase);
    expect(identity.caseworker).toMatchObject({ fullName: 'Søren Ågård', userIdentifier: TEST_RID });
    expect(s.get().certificate).not.toBeNull();
    expect(parseHere).not.toHaveBeenCalled();
    expect(seen.started).toEqual([expect.stringMatching(/main\/core\/settings\/certificateWorker\.ts$/)]);
    await vi.waitFor(() => expect(seen.ended).toBe(1));
  });

  it('the event loop keeps turning while a slow bundle is read (150,000 rounds of PBKDF2 in node-forge: seconds)', async () => {
    // Its key asks for 150,000 rounds (under the cap) and its MAC is valid: node-forge derives the key
    // for seconds, then cannot decrypt it (the key was encrypted with 2,048), so the import is refused.
    const cert = makeClientCert();
    const slow = withIterations(cert.p12, cert.passphrase, { keyBag: 150_000 });
    const s = await open();
    let ticks = 0;
    const interval = setInterval(() => ticks++, 10);
    try {
      await refusal(s.importCertificate(slow, cert.passphrase));
    } finally {
      clearInterval(interval);
    }
    // On this thread the 10 ms timer kept firing meanwhile (on the main thread it would have fired once, after).
    expect(ticks).toBeGreaterThanOrEqual(10);
    expect(s.get().certificate).toBeNull();
  });

  it.each([
    ['2,000,000 rounds for its MAC', { mac: 2_000_000 }, '2.000.000'],
    ['2^31 rounds for its key (half an hour of node-forge)', { keyBag: 2 ** 31 - 1 }, '2.147.483.647'],
  ])('refuses a bundle that asks for %s with the Danish message, and stores nothing', async (_what, change, shown) => {
    const cert = makeClientCert();
    const s = await open();
    const err = await refusal(s.importCertificate(withIterations(cert.p12, cert.passphrase, change), cert.passphrase));
    expect(err).toBeInstanceOf(IdentityError);
    expect((err as IdentityError).reason).toBe('too-many-iterations');
    expect(err.message).toContain(`beder om ${shown} gentagelser af nøgleberegningen`);
    expect(err.message).toContain('højst filer med 600.000');
    expect(s.get().certificate).toBeNull();
  });
});

describe('checkPkcs12OffThread', () => {
  it('refuses with a Danish message when the check does not finish in time, and stops the worker', async () => {
    const cert = makeClientCert();
    const spinner = new URL(`data:text/javascript,${encodeURIComponent("import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ type: 'ready' }); parentPort.on('message', () => { for (;;) {} });")}`);
    const err = await refusal(checkPkcs12OffThread(cert.p12, cert.passphrase, NOW, { workerUrl: spinner, timeoutMs: 1_000 }));
    expect((err as IdentityError).reason).toBe('too-slow');
    expect(err.message).toBe(
      'Certifikatfilen kunne ikke åbnes inden for 1 sekund; den beder sandsynligvis om meget mange gentagelser af nøgleberegningen. ' +
        'Eksportér certifikatet igen med standardindstillingerne (fx 2.048 eller 10.000 gentagelser), og prøv igen.',
    );
    await vi.waitFor(() => expect(seen.ended).toBe(1));
  });

  it('gives the refusals of the check as they are thrown on the main thread (wrong passphrase, expired)', async () => {
    const cert = makeClientCert({ passphrase: 'rigtig' });
    expect((await refusal(checkPkcs12OffThread(cert.p12, 'forkert', NOW))).message).toBe('Adgangskoden til certifikatfilen (PKCS#12) er forkert.');
    const expired = makeClientCert({ notBefore: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2027-03-31T12:00:00Z') });
    const err = await refusal(checkPkcs12OffThread(expired.p12, expired.passphrase, NOW));
    expect(err).toBeInstanceOf(IdentityError);
    expect(err.message).toContain('udløb den 31-03-2027');
  });

  it('when no worker can be started, checks the bundle here (the cap still first)', async () => {
    const cert = makeClientCert();
    const missing = new URL('./no-such-certificateWorker.js', import.meta.url);
    const identity = await checkPkcs12OffThread(cert.p12, cert.passphrase, NOW, { workerUrl: missing });
    expect(identity.caseworker.userIdentifier).toBe(TEST_RID);
    const err = await refusal(checkPkcs12OffThread(withIterations(cert.p12, cert.passphrase, { mac: 2 ** 31 - 1 }), cert.passphrase, NOW, { workerUrl: missing }));
    expect((err as IdentityError).reason).toBe('too-many-iterations');
  });
});
