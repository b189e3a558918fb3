// The 100-kill crash soak of issue 4 (the short version runs in npm test): 200 commands per round,
// the draining child SIGKILLed at random moments until 100 kills, then exactly-once is checked
// against the sandbox's own statistics.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sandboxAdmin } from '../../sandbox/adminClient';
import { startSandbox } from '../../sandbox/server';
import { readSample } from '../contract/helpers';
import { runCrashTrial } from '../core/sync/crashHarness';
import { metric, type Metric } from './types';

export async function crashSoak(opts: { kills?: number; commandsPerRound?: number } = {}): Promise<Record<string, Metric>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfdg-bench-crash-'));
  const sb = await startSandbox({ dataDir, port: 0, citizens: 500, seed: 9 });
  try {
    const admin = sandboxAdmin(sb);
    const citizens = readSample(dataDir).organisations.find((o) => o.id === 'akasse-067')!.visible;
    const kills = opts.kills ?? 100;
    const r = await runCrashTrial({
      sb,
      admin,
      orgId: 'akasse-067',
      citizens,
      commandsPerRound: opts.commandsPerRound ?? 200,
      kills,
      seed: 17,
      log: (l) => console.log(l),
    });
    const exact =
      r.notSent && Object.keys(r.notSent).length === 0 && r.sent === r.commands && r.applied === r.commands && r.duplicates === 0 && r.requestIdsApplied === r.commands && r.requestIdDuplicates === 0;
    return {
      crashKills: metric('Crash soak: SIGKILLs of the draining process', r.kills, 'count', { min: kills, text: `≥ ${kills}` }, { rounds: r.rounds, interruptedSends: r.interruptedSends, killsMidSend: r.killsMidSend, abandonedWrites: r.abandonedWrites, seconds: r.durationMs / 1000 }),
      crashExactlyOnce: metric('Crash soak: commands applied at DFDG exactly once', exact ? r.commands : r.applied - r.duplicates, 'count', { min: r.commands, max: r.commands, text: `= ${r.commands}` }, {
        commands: r.commands,
        sent: r.sent,
        applied: r.applied,
        duplicates: r.duplicates,
        requestIdsApplied: r.requestIdsApplied,
        requestIdDuplicates: r.requestIdDuplicates,
        notSent: r.notSent,
      }),
      crashDraftsLost: metric('Crash soak: acknowledged draft saves lost', r.draftsLost.length, 'count', { max: 0, text: '0' }, { acknowledged: r.draftSavesAcknowledged, lost: r.draftsLost.slice(0, 5) }),
    };
  } finally {
    await sb.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
