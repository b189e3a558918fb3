// Short crash proof for npm test (the 100-kill version runs in npm run bench): a child drains the
// outbox against the sandbox, is SIGKILLed at random moments and restarted; kills land while writes
// are on their way (the sandbox saw them abandoned, later lives found commands left 'sending'); every
// command reaches DFDG exactly once, counted by content and by x-requestId, and no acknowledged draft
// save is lost.

import { describe, expect, it } from 'vitest';
import { withSandbox } from '../../contract/helpers';
import { runCrashTrial } from './crashHarness';

const env = withSandbox({ citizens: 300, seed: 5 });

describe('crash safety', () => {
  it('survives SIGKILL at random moments: every command once at DFDG, no draft lost', { timeout: 300_000 }, async () => {
    const report = await runCrashTrial({
      sb: env.sb,
      admin: env.admin,
      orgId: 'akasse-067',
      citizens: env.visible('akasse-067').slice(0, 8),
      commandsPerRound: 40,
      kills: Number(process.env.DFDG_CRASH_KILLS ?? 6),
      seed: 3,
    });
    console.log(`[crash] ${JSON.stringify(report)}`);
    expect(report.kills).toBeGreaterThanOrEqual(Number(process.env.DFDG_CRASH_KILLS ?? 6));
    // The kills hit sends in flight: at the sandbox (requests abandoned mid-way) and in the store.
    expect(report.killsMidSend).toBeGreaterThan(0);
    expect(report.interruptedSends).toBeGreaterThan(0);
    expect(report.notSent).toEqual({});
    expect(report.sent).toBe(report.commands);
    // Once each, by content and by the command's own x-requestId (blind to nothing the content key misses).
    expect(report.applied).toBe(report.commands);
    expect(report.duplicates).toBe(0);
    expect(report.requestIdsApplied).toBe(report.commands);
    expect(report.requestIdDuplicates).toEqual(0);
    expect(report.draftsLost).toEqual([]);
    expect(report.draftSavesAcknowledged).toBeGreaterThan(0);
  });
});
