// A resubmit after an edit must go out with a new x-requestId: DFDG remembers the id of a request it
// refused on its own validation and answers a replay with 412 (docs/wire-contract.md, DEVIATIONS.md).
// Against the real sandbox, through the real handlers (absences.create, outbox.resubmit) and drain.

import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core/app';
import { addDays } from '../../../shared/dates';
import { configFor, identityFor, withSandbox } from '../../contract/helpers';

const env = withSandbox({ citizens: 300, seed: 11 });

describe('drain: a resubmit after an edit goes out with a new x-requestId', () => {
  let core: Core | null = null;
  let dir: string | null = null;
  afterEach(async () => {
    await core?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    core = null;
    dir = null;
  });

  it('DFDG refuses the first request on its own validation (4592) and remembers its id; the corrected command is sent once, without a 412', { timeout: 60_000 }, async () => {
    // Midlertidigt arbejde (type 2) under 15 days for contact group 1 is only a warning locally and
    // refused by DFDG (4592) after it has recorded the request's x-requestId.
    const citizen = env.visible('akasse-067', 1)[0];
    if (!citizen) throw new Error('the sample has no contact group 1 citizen for akasse-067');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfdg-sync-resubmit-'));
    core = await createCore({
      dataDir: dir,
      dbKey: randomBytes(32),
      settings: null,
      dfdg: configFor(env.sb, 'akasse-067'),
      identity: identityFor(env.sb, 'akasse-067'),
      mode: 'sandbox',
      retention: false,
      pollIntervalMs: 3_600_000,
      engine: { baseDelayMs: 5, maxDelayMs: 20, settleMs: 0 },
    });
    const h = core.handlers;
    await h['citizens.open']({ cpr: citizen.cpr, purpose: 'citizen-page' });
    const start = addDays(env.today, 50)!;
    const short = { type: 2, start, end: addDays(start, 4)!, comment: null, notificationDate: env.today, endReason: null };
    const { commandId } = await h['absences.create']({ cpr: citizen.cpr, input: short });
    core.engine.start();
    await core.engine.whenDrained(15_000);

    const refused = core.outbox.get(commandId)!;
    expect(refused).toMatchObject({ state: 'rejected', attempts: 1, error: { code: 4592 } });
    const oldRequestId = refused.requestId;
    // DFDG remembers the refused request: the same x-requestId again is answered 412, whatever the body.
    expect(await rawCreate(citizen.cpr, oldRequestId, { ...short, end: addDays(start, 20)! })).toBe(412);

    const before = await env.admin.stats();
    const corrected = { ...short, end: addDays(start, 20)! };
    const re = await h['outbox.resubmit']({ id: commandId, absence: { input: corrected } });
    expect(re.item.state).toBe('queued');
    const requeued = core.outbox.get(commandId)!;
    expect(requeued.requestId).not.toBe(oldRequestId);
    await core.engine.whenDrained(15_000);

    // One attempt, straight through: a reused x-requestId would have met 412 first (read back, renewed, sent again: two attempts).
    expect(core.outbox.get(commandId)).toMatchObject({ state: 'sent', attempts: 1, error: null, requestId: requeued.requestId });
    const after = await env.admin.stats();
    expect(after.logical.applied - before.logical.applied).toBe(1);
    const absenceId = (refused.command!.payload as { absenceId: string }).absenceId;
    const atDfdg = await env.clientsFor('akasse-067').fravaer.getFravaer(env.ctxFor('akasse-067'), citizen.cpr, absenceId);
    expect(atDfdg).toMatchObject({ id: absenceId, type: 2 });
    expect(atDfdg!.end?.slice(0, 10)).toBe(corrected.end);
  });
});

/** One CreateFravaerMedIdentifier with a given x-requestId, outside the client: the HTTP status. */
function rawCreate(cpr: string, requestId: string, input: { type: number; start: string; end: string; notificationDate: string }): Promise<number> {
  const org = env.sb.certs.orgs['akasse-067']!;
  const body = JSON.stringify({ fravaerType: input.type, startDato: `${input.start}T00:00:00`, slutDato: `${input.end}T00:00:00`, anmeldelsesDato: `${input.notificationDate}T00:00:00` });
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${env.sb.url}/v1/Fravaer/${randomUUID()}`,
      {
        method: 'POST',
        ca: env.sb.certs.caPem,
        cert: org.certPem,
        key: org.keyPem,
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-requestId': requestId, 'x-civilRegistrationIdentifier': cpr, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
