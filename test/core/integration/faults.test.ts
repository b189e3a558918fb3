// Issue 4's fault proof: with the sandbox answering 30 % of requests with 503, resetting 10 % of
// connections before processing and dropping 10 % of responses after processing, 1,000 commands
// drain to completion and none reaches DFDG twice (the sandbox's own count of logical commands).

import { afterAll, describe, expect, it } from 'vitest';
import { todayIso, addDays } from '../../../shared/dates';
import { withSandbox } from '../../contract/helpers';
import { coreFor, type SandboxCore } from './helpers';

const COMMANDS = Number(process.env.DFDG_FAULT_COMMANDS ?? 1000);
const env = withSandbox({ citizens: 500, seed: 11 });
let akasse: SandboxCore | undefined;

afterAll(async () => {
  await env.admin.clearFaults().catch(() => undefined);
  await akasse?.close();
});

describe('outbox under faults', () => {
  it(`drains ${COMMANDS} commands under 30 % 503, 10 % resets and 10 % dropped responses, none doubled`, { timeout: 600_000 }, async () => {
    akasse = await coreFor(env.sb, 'akasse-067', { drainConcurrency: 4, engine: { baseDelayMs: 10, maxDelayMs: 200, maxAttempts: 200, settleMs: 0, probeMs: 20, probeMaxMs: 200, stopTimeoutMs: 2_000 } }, { start: false });
    const citizens = env.visible('akasse-067');
    expect(citizens.length).toBeGreaterThanOrEqual(5);
    for (const c of citizens) await akasse.call('citizens.open', { cpr: c.cpr, purpose: 'citizen-page' });

    const today = todayIso(new Date());
    const ids: string[] = [];
    for (let i = 0; i < COMMANDS; i++) {
      const c = citizens[i % citizens.length]!;
      const round = Math.floor(i / citizens.length);
      if (i % 4 === 3) {
        // One-day holidays on distinct future days per citizen.
        const day = addDays(today, 20 + round)!;
        const r = await akasse.call('absences.create', { cpr: c.cpr, input: { type: 10, start: day, end: day, comment: null, notificationDate: today, endReason: null } });
        ids.push(r.commandId);
      } else {
        const d = await akasse.call('drafts.create', { cpr: c.cpr });
        await akasse.call('drafts.save', {
          id: d.id,
          patch: { subject: `Indstilling om tilbud nr. ${i}`, body: `Vi indstiller til virksomhedspraktik i ${4 + (i % 8)} uger hos Bageriet ApS (CVR 12345678). Sag ${i}.` },
        });
        ids.push((await akasse.call('drafts.submit', { id: d.id })).commandId);
      }
    }
    const before = await env.admin.stats();
    await env.admin.setFaults({ rate503: 0.3, rateReset: 0.1, rateDrop: 0.1, seed: 42 });
    const t0 = performance.now();
    akasse.core.start();
    await akasse.core.engine.whenDrained(540_000);
    const seconds = (performance.now() - t0) / 1000;
    await env.admin.clearFaults();

    const states = new Map<string, number>();
    for (const id of ids) {
      const s = akasse.core.outbox.get(id)!.state;
      states.set(s, (states.get(s) ?? 0) + 1);
    }
    expect(Object.fromEntries(states)).toEqual({ sent: COMMANDS });
    const after = await env.admin.stats();
    expect(after.logical.duplicates).toBe(0);
    expect(after.logical.duplicateKeys).toEqual([]);
    expect(after.logical.applied - before.logical.applied).toBe(COMMANDS);
    const faulted = Object.values(after.operations).reduce((n, o) => n + o.faulted, 0);
    expect(faulted).toBeGreaterThan(COMMANDS / 4);
    console.log(`[faults] ${COMMANDS} commands drained in ${seconds.toFixed(1)} s with ${faulted} injected faults, 0 duplicates`);
  });
});
