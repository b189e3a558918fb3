// The crash trial shared by the short crash test (npm test) and the 100-kill soak (npm run bench):
// a child process drains an outbox against the sandbox while this parent SIGKILLs it at random
// moments and starts it again, round after round, until the wanted number of kills, and until kills
// have landed mid-send (the sandbox saw write requests abandoned by the killed child, and a later
// life found commands left 'sending'), or three times the kills were spent trying. Then it proves
// from the sandbox's own statistics, by content and by x-requestId, that every command reached DFDG
// exactly once, and that no draft save the child acknowledged was lost.

import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../../main/core/app';
import { createDfdgClients } from '../../../main/core/dfdg';
import { openStore } from '../../../main/core/store';
import { Outbox } from '../../../main/core/sync/outbox';
import { addDays, todayIso } from '../../../shared/dates';
import type { SandboxAdmin, SandboxStats } from '../../../sandbox/adminClient';
import { configFor, identityFor, type SandboxHandle } from '../../contract/helpers';
import type { CrashChildConfig } from './crash-child';
import { prng } from '../support/fakeDfdg';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '../../..');
const CHILD = path.join(here, 'crash-child.ts');

export interface CrashTrialOptions {
  sb: SandboxHandle;
  admin: SandboxAdmin;
  orgId: string;
  citizens: { cpr: string }[];
  commandsPerRound: number;
  kills: number;
  /** Sandbox latency per write, so kills land while requests are in flight (default 25 ± 25 ms). */
  latencyMs?: number;
  jitterMs?: number;
  /**
   * Share of writes the sandbox holds until the client has gone (its timeout, or the kill) and applies
   * 100 ms after (default 0.2): a kill then leaves a command DFDG applies after the process died.
   */
  lateShare?: number;
  /** Kill this long after READY (uniform, default 20..400 ms). */
  killAfterReadyMs?: [number, number];
  /** Share of kills made at a random moment during start-up instead (default 0.15). */
  startupKillShare?: number;
  seed?: number;
  log?: (line: string) => void;
  /**
   * A jobcenter's trial: this many activities are created at DFDG up front (by the jobcenter's own
   * system, before the counting starts), and every 4th command (i % 4 === 1) ends one of them or moves
   * it (plan.endActivity / plan.updateActivity, in turn) while the pool lasts.
   */
  activityPool?: number;
}

export interface CrashTrialReport {
  kills: number;
  rounds: number;
  commands: number;
  sent: number;
  notSent: Record<string, number>;
  /** Kind, code and text of each refused command (an unexpected refusal explains itself). */
  refusals: string[];
  applied: number;
  duplicates: number;
  duplicateKeys: string[];
  /** Lives that found commands left 'sending' by the previous kill (resolved by read-back). */
  interruptedSends: number;
  /** Kills that landed while the sandbox held a write of the child unanswered (its in-flight count at the kill). */
  killsMidSend: number;
  /** Write requests (CreateMessage, CreateFravaerMedIdentifier) abandoned by their client: killed, or timed out. */
  abandonedWrites: number;
  /** Writes applied, counted by the x-requestId they came with, and ids applied more than once. */
  requestIdsApplied: number;
  requestIdDuplicates: number;
  requestIdDuplicateIds: string[];
  draftSavesAcknowledged: number;
  draftsLost: string[];
  durationMs: number;
}

/** The sandbox operations that apply the trial's commands. */
const WRITES = new Set([
  'CitizenMessageService.CreateMessage',
  'FravaerService.CreateFravaerMedIdentifier',
  'PersonActivityStatusService.EndActivity',
  'PersonActivityStatusService.UpdateActivity',
  'IndkaldelseService.CreateIndkaldelse',
  'IndkaldelseService.UpdateIndkaldelse',
]);

const pem = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v));

export async function runCrashTrial(o: CrashTrialOptions): Promise<CrashTrialReport> {
  const t0 = performance.now();
  const log = o.log ?? (() => undefined);
  const random = prng(o.seed ?? 1);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfdg-crash-'));
  const key = randomBytes(32);
  // A 1 s client timeout (the sandbox answers in ms): also the read-back window after a kill mid-send.
  const base = configFor(o.sb, o.orgId, { timeoutMs: 1_000 });
  if (base.tls.kind !== 'pem') throw new Error('expected PEM material');
  const dfdg: CrashChildConfig['dfdg'] = { ...base, tls: { kind: 'pem', ca: pem(base.tls.ca), cert: pem(base.tls.cert), key: pem(base.tls.key) } };
  const identity = identityFor(o.sb, o.orgId);
  const today = todayIso(new Date());
  const dayOffset = new Map<string, number>();
  let totalCommands = 0;

  /** Queues a round of commands (messages, absences, meeting invitations and their rebookings) through the real handlers, core not started. */
  const enqueueRound = async (round: number, draftIds: string[]): Promise<void> => {
    const core = await createCore({ dataDir, dbKey: key, settings: null, dfdg, identity, mode: 'sandbox', retention: false });
    try {
      const h = core.handlers;
      for (const c of o.citizens) await h['citizens.open']({ cpr: c.cpr, purpose: 'citizen-page' });
      if (round === 0) {
        for (let k = 0; k < 3; k++) {
          const d = await h['drafts.create']({ cpr: o.citizens[0]!.cpr });
          await h['drafts.save']({ id: d.id, patch: { subject: `Kladde ${k}`, body: 'Kladde under skrivning v0' } });
          draftIds.push(d.id);
        }
      }
      for (let i = 0; i < o.commandsPerRound; i++) {
        const c = o.citizens[i % o.citizens.length]!;
        const act = i % 4 === 1 ? pool.shift() : undefined;
        if (act) {
          // Ends or moves an activity the jobcenter's system made (read into Min plan first).
          await h['plan.list']({ cpr: act.cpr });
          if (act.n % 2 === 0) await h['plan.endActivity']({ cpr: act.cpr, activityId: act.id, end: addDays(act.start, 3)!, endReason: 1 });
          else await h['plan.updateActivity']({ cpr: act.cpr, activityId: act.id, start: addDays(act.start, 7)!, end: null });
        } else if (i % 4 === 3) {
          const k = (dayOffset.get(c.cpr) ?? 0) + 1;
          dayOffset.set(c.cpr, k);
          const day = addDays(today, 20 + k)!;
          await h['absences.create']({ cpr: c.cpr, input: { type: 10, start: day, end: day, comment: null, notificationDate: today, endReason: null } });
        } else if (i % 8 === 1) {
          // A meeting invitation and its rebooking: two commands, the second waiting behind the first.
          const day = addDays(today, 10 + round)!;
          const input = {
            interviewType: 15,
            start: `${day}T10:00`,
            end: null,
            form: 2,
            location: null,
            locationDetail: `Runde ${round}, nr. ${i}`,
            digitalLink: null,
            rebookingPossible: false,
            rebookingDeadline: null,
            cancelPossible: false,
            cancelDeadline: null,
            participants: [],
          };
          const booked = await h['meetings.create']({ cpr: c.cpr, input });
          await h['meetings.update']({ cpr: c.cpr, meetingId: booked.meeting.id, input: { ...input, start: `${day}T14:00` } });
          totalCommands++;
        } else {
          const d = await h['drafts.create']({ cpr: c.cpr });
          await h['drafts.save']({ id: d.id, patch: { subject: `Crash ${round}-${i}`, body: `Vi indstiller til virksomhedspraktik i 6 uger hos Bageriet ApS (CVR 12345678). Runde ${round}, nr. ${i}.` } });
          await h['drafts.submit']({ id: d.id });
        }
        totalCommands++;
      }
    } finally {
      await core.stop();
    }
  };

  // The activities to end and move: made before the counting starts (their CreateActivity is not the trial's).
  const pool: { n: number; cpr: string; id: string; start: string }[] = [];
  if (o.activityPool) {
    const clients = createDfdgClients(dfdg);
    try {
      for (let n = 0; n < o.activityPool; n++) {
        const cpr = o.citizens[n % o.citizens.length]!.cpr;
        const id = randomUUID();
        const start = addDays(today, 10 + n)!;
        await clients.personActivityStatus.createActivity({ identity }, cpr, id, { name: `Crash ${n}`, activationType: 2, start, end: addDays(start, 60)!, hoursPerWeek: 30 });
        pool.push({ n, cpr, id, start });
      }
    } finally {
      clients.close();
    }
  }
  const draftIds: string[] = [];
  const before = await o.admin.stats();
  const abandonedWrites = (s: SandboxStats) =>
    Object.entries(s.operations)
      .filter(([op]) => WRITES.has(op))
      .reduce((n, [, c]) => n + c.abandoned, 0);
  const writesInFlight = (s: SandboxStats) => Object.entries(s.inFlight).reduce((n, [op, k]) => n + (WRITES.has(op) ? k : 0), 0);
  await enqueueRound(0, draftIds);
  const cfgPath = path.join(dataDir, 'child.json');
  const cfg: CrashChildConfig = { dataDir, keyHex: key.toString('hex'), dfdg, draftIds, typingIntervalMs: 15 };
  fs.writeFileSync(cfgPath, JSON.stringify(cfg));
  const faults = (seed: number) =>
    o.admin.setFaults({ latencyMs: o.latencyMs ?? 25, jitterMs: o.jitterMs ?? 25, rateLate: o.lateShare ?? 0.2, lateApplyMs: 100, operations: [...WRITES], seed });
  await faults(o.seed ?? 1);

  const acked = new Map<string, number>();
  const lost: string[] = [];
  let ackCount = 0;
  let kills = 0;
  let rounds = 1;
  let interruptedSends = 0;
  const [kMin, kMax] = o.killAfterReadyMs ?? [20, 400];

  /** One life of the child: resolves 'drained' if it finished, 'killed' if we killed it. */
  /** Writes in flight at the sandbox at the current life's kill (null: not killed). */
  let atKill: Promise<number> | null = null;
  const life = (kill: boolean): Promise<'drained' | 'killed'> =>
    new Promise((resolve, reject) => {
      atKill = null;
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, cfgPath], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
      let killed = false;
      let drained = false;
      let stderr = '';
      let timer: NodeJS.Timeout | null = null;
      const killNow = () => {
        if (!killed && !drained) {
          killed = true;
          // Writes the sandbox holds unanswered right before the kill: the kill lands mid-send.
          atKill = o.admin.stats().then(
            (st) => {
              child.kill('SIGKILL');
              return writesInFlight(st);
            },
            () => {
              child.kill('SIGKILL');
              return 0;
            },
          );
        }
      };
      if (kill && random() < (o.startupKillShare ?? 0.15)) timer = setTimeout(killNow, Math.floor(random() * 1500));
      let buf = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buf += chunk.toString('utf8');
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          const [word, a, b] = line.split(' ');
          if (word === 'DRAFTSTATE') {
            const v = Number(b);
            if (v < (acked.get(a!) ?? 0)) lost.push(`${a}: saved v${acked.get(a!)}, found v${v}`);
          } else if (word === 'DRAFT') {
            ackCount++;
            acked.set(a!, Math.max(acked.get(a!) ?? 0, Number(b)));
          } else if (word === 'INTERRUPTED') {
            if (Number(a) > 0) interruptedSends++;
          } else if (word === 'READY') {
            if (kill && !timer) timer = setTimeout(killNow, kMin + Math.floor(random() * (kMax - kMin)));
          } else if (word === 'DRAINED') {
            drained = true;
          }
        }
      });
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString('utf8');
      });
      child.on('exit', (code) => {
        if (timer) clearTimeout(timer);
        if (killed) resolve('killed');
        else if (drained && code === 0) resolve('drained');
        else reject(new Error(`crash child exited with ${code}: ${stderr.slice(0, 2000)}`));
      });
    });

  // Enough kills, and kills that landed while writes were on their way (else the trial proves nothing).
  let killsMidSend = 0;
  const landed = () => interruptedSends > 0 && killsMidSend > 0;
  while (kills < o.kills || (kills < 3 * o.kills && !landed())) {
    const r = await life(true);
    if (r === 'killed') {
      kills++;
      if (((await (atKill as Promise<number> | null)) ?? 0) > 0) killsMidSend++;
      if (kills % 10 === 0) log(`[crash] ${kills} kills`);
    } else {
      log(`[crash] round ${rounds} drained after ${kills} kills; queuing ${o.commandsPerRound} more commands`);
      await o.admin.clearFaults();
      await enqueueRound(rounds++, draftIds);
      await faults((o.seed ?? 1) + rounds);
    }
  }
  await o.admin.clearFaults();
  await life(false);

  const after = await o.admin.stats();
  const ours = (ids: string[]) => ids.filter((k) => k.startsWith(`${o.orgId}:`));
  const store = openStore({ dataDir, key });
  const outbox = new Outbox(store, () => new Date());
  const notSent: Record<string, number> = {};
  const refusals: string[] = [];
  let sent = 0;
  for (const r of outbox.list(100_000)) {
    if (r.state === 'sent') sent++;
    else notSent[r.state] = (notSent[r.state] ?? 0) + 1;
    if (r.state === 'rejected') refusals.push(`${r.kind} ${r.error?.code ?? r.error?.service ?? ''} ${r.error?.text ?? ''}`.slice(0, 200));
  }
  for (const id of draftIds) {
    const d = store.drafts.get(id);
    const v = Number(/v(\d+)$/.exec(d?.body ?? '')?.[1] ?? -1);
    if (v < (acked.get(id) ?? 0)) lost.push(`${id}: saved v${acked.get(id)}, found v${v} at the end`);
  }
  store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return {
    kills,
    rounds,
    commands: totalCommands,
    sent,
    notSent,
    refusals,
    applied: after.logical.applied - before.logical.applied,
    duplicates: after.logical.duplicates - before.logical.duplicates,
    duplicateKeys: after.logical.duplicateKeys,
    interruptedSends,
    killsMidSend,
    abandonedWrites: abandonedWrites(after) - abandonedWrites(before),
    requestIdsApplied: after.requestIds.applied - before.requestIds.applied,
    requestIdDuplicates: ours(after.requestIds.duplicateIds).length - ours(before.requestIds.duplicateIds).length,
    requestIdDuplicateIds: ours(after.requestIds.duplicateIds),
    draftSavesAcknowledged: ackCount,
    draftsLost: lost,
    durationMs: Math.round(performance.now() - t0),
  };
}
