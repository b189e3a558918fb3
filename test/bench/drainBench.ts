// Outbox drain throughput against the sandbox (in its own process) compared with a bare axios loop
// sending the same requests. Both sides send N absence registrations (CreateFravaerMedIdentifier,
// REST) for the same citizens, with the same concurrency, the same TLS agent settings (the one agent
// factory), the same headers and body (fravaerBody), and both read the JSON answer. The outbox pays for
// durability (its commits to the encrypted store) and bookkeeping; the goal is ≥ 0.8 of the bare loop.
//
// Two settings: a simulated DFDG round trip (the sandbox's latency fault, default 20 ms, as a remote
// service has) and no latency at all, where a loopback request costs less than a durable commit and
// the client and the sandbox share the machine's cores, so the ratio shows the outbox's CPU cost per
// command.
//
// Fairness: every phase starts from the same sandbox state (POST /_sandbox/reset), each setting begins
// with an unmeasured warm-up of both sides (JIT, TLS sessions), the rounds alternate which side goes
// first, and the reported rate of each side is its median over the rounds. Only the drain is started
// (core.engine.start()), not the notification poller: its first poll would otherwise run during the
// measurement and fetch the notifications the previous phase raised. CPU per command of this process
// (the client, all threads) and of the sandbox process is reported alongside (Linux /proc), with the
// no-latency ratio those CPU costs allow on an idle machine: on a shared one the wall-clock ratio
// swings with whatever else takes a core during one side's rounds.

import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../main/core/app';
import { buildHttpsAgent } from '../../main/core/dfdg/http';
import { fravaerBody } from '../../main/core/dfdg/fravaer';
import axios from 'axios';
import { addDays, todayIso } from '../../shared/dates';
import { sandboxAdmin, type SandboxAdmin } from '../../sandbox/adminClient';
import { configFor, identityFor, readSample, type SampleCitizen } from '../contract/helpers';
import { startSandboxProcess } from './sandboxProcess';
import { metric, type Metric } from './types';

type Sandbox = Awaited<ReturnType<typeof startSandboxProcess>>;

export interface DrainBenchOptions {
  /** Commands per phase with the simulated latency (default 500). */
  n?: number;
  /** Commands per phase without latency (default 2000: a phase then lasts about two seconds). */
  nLoopback?: number;
  /** Commands in flight at once, both sides (default 4). */
  concurrency?: number;
  /** The simulated DFDG round trip (default 20 ms). */
  latencyMs?: number;
  /** Measured rounds per setting (default 3; each round measures both sides). */
  rounds?: number;
}

interface PhaseResult {
  ok: number;
  ms: number;
  rate: number;
  /** CPU of this process per command (µs, all threads), and of the sandbox process. */
  clientCpuUs: number | null;
  sandboxCpuUs: number | null;
  extra?: Record<string, unknown>;
}

interface SettingResult {
  outbox: PhaseResult[];
  bare: PhaseResult[];
}

export async function drainVsAxios(opts: DrainBenchOptions = {}): Promise<Record<string, Metric>> {
  const concurrency = opts.concurrency ?? 4;
  const latency = opts.latencyMs ?? 20;
  const rounds = opts.rounds ?? 3;
  const sb = await startSandboxProcess({ citizens: 500, seed: 3 });
  try {
    const admin = sandboxAdmin(sb);
    const citizens = readSample(sb.dataDir).organisations.find((o) => o.id === 'akasse-067')!.visible;
    const bench = new Bench(sb, admin, citizens, concurrency);
    const slow = await bench.setting({ latencyMs: latency }, opts.n ?? 500, rounds);
    const fast = await bench.setting({}, opts.nLoopback ?? 2000, rounds);
    const goal = { min: 0.8, text: '≥ 0.8' };
    const summary = (s: SettingResult, n: number) => {
      const o = median(s.outbox.map((r) => r.rate));
      const b = median(s.bare.map((r) => r.rate));
      return {
        outbox: o,
        bare: b,
        details: {
          commands: n,
          concurrency,
          rounds,
          citizens: citizens.length,
          outboxRates: s.outbox.map((r) => Math.round(r.rate)),
          bareRates: s.bare.map((r) => Math.round(r.rate)),
          roundRatios: s.outbox.map((r, i) => Math.round((r.rate / s.bare[i]!.rate) * 1000) / 1000),
          outboxClientCpuUsPerCmd: median(s.outbox.map((r) => r.clientCpuUs ?? NaN)),
          bareClientCpuUsPerCmd: median(s.bare.map((r) => r.clientCpuUs ?? NaN)),
          outboxSandboxCpuUsPerCmd: median(s.outbox.map((r) => r.sandboxCpuUs ?? NaN)),
          bareSandboxCpuUsPerCmd: median(s.bare.map((r) => r.sandboxCpuUs ?? NaN)),
          engine: s.outbox.at(-1)?.extra ?? null,
        },
      };
    };
    const a = summary(slow, opts.n ?? 500);
    const b = summary(fast, opts.nLoopback ?? 2000);
    // Without latency each side is bound by the busier of its two processes (the client and the
    // sandbox each run on one core of two): the CPU per command gives the ratio an idle machine would
    // show, which the wall-clock ratio only approaches when no other process takes a core meanwhile.
    const bound = (client: number, sandbox: number) => 1e6 / Math.max(client, Number.isFinite(sandbox) ? sandbox : 0);
    const cpuRatio =
      bound(b.details.outboxClientCpuUsPerCmd, b.details.outboxSandboxCpuUsPerCmd) / bound(b.details.bareClientCpuUsPerCmd, b.details.bareSandboxCpuUsPerCmd);
    return {
      drainOutbox: metric(`Outbox drain, ${latency} ms DFDG latency (median of ${rounds})`, a.outbox, 'cmd/s', null, a.details),
      drainBare: metric(`Bare axios loop, ${latency} ms DFDG latency (median of ${rounds})`, a.bare, 'cmd/s', null),
      drainRatio: metric(`Outbox / bare axios throughput (${latency} ms latency)`, a.outbox / a.bare, 'ratio', goal),
      drainOutboxLoopback: metric(`Outbox drain, no latency (median of ${rounds})`, b.outbox, 'cmd/s', null, b.details),
      drainBareLoopback: metric(`Bare axios loop, no latency (median of ${rounds})`, b.bare, 'cmd/s', null),
      drainRatioLoopback: metric('Outbox / bare axios throughput (no latency)', b.outbox / b.bare, 'ratio', goal),
      drainCpuRatioLoopback: metric('Outbox / bare axios, CPU-bound estimate (no latency)', cpuRatio, 'ratio', null, {
        outboxClientCpuUsPerCmd: b.details.outboxClientCpuUsPerCmd,
        bareClientCpuUsPerCmd: b.details.bareClientCpuUsPerCmd,
        sandboxCpuUsPerCmd: b.details.bareSandboxCpuUsPerCmd,
        medianOfRoundRatios: median(b.details.roundRatios),
      }),
    };
  } finally {
    await sb.close();
  }
}

class Bench {
  private readonly today = todayIso(new Date());
  private dayBase = 30;

  constructor(
    private readonly sb: Sandbox,
    private readonly admin: SandboxAdmin,
    private readonly citizens: SampleCitizen[],
    private readonly concurrency: number,
  ) {}

  /** One setting: a warm-up of both sides, then `rounds` measured rounds alternating the order. */
  async setting(faults: { latencyMs?: number }, n: number, rounds: number): Promise<SettingResult> {
    const out: SettingResult = { outbox: [], bare: [] };
    await this.fresh(faults);
    await this.outboxPhase(Math.min(n, 300));
    await this.fresh(faults);
    await this.barePhase(Math.min(n, 300));
    for (let r = 0; r < rounds; r++) {
      const order: ('outbox' | 'bare')[] = r % 2 === 0 ? ['outbox', 'bare'] : ['bare', 'outbox'];
      for (const side of order) {
        await this.fresh(faults);
        out[side].push(side === 'outbox' ? await this.outboxPhase(n) : await this.barePhase(n));
      }
    }
    return out;
  }

  /** The same sandbox state for every phase: the generated population, no absences, no notifications. */
  private async fresh(faults: { latencyMs?: number }): Promise<void> {
    await this.admin.reset();
    await this.admin.setFaults(faults);
  }

  /** N absence registrations for the citizens in turn, each on its own day. */
  private jobs(n: number): { cpr: string; day: string }[] {
    const base = this.dayBase;
    this.dayBase += Math.ceil(n / this.citizens.length) + 1;
    return Array.from({ length: n }, (_, i) => ({ cpr: this.citizens[i % this.citizens.length]!.cpr, day: addDays(this.today, base + Math.floor(i / this.citizens.length))! }));
  }

  private async outboxPhase(n: number): Promise<PhaseResult> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfdg-bench-drain-'));
    try {
      const core = await createCore({
        dataDir: dir,
        dbKey: randomBytes(32),
        settings: null,
        dfdg: configFor(this.sb, 'akasse-067'),
        identity: identityFor(this.sb, 'akasse-067'),
        mode: 'sandbox',
        retention: false,
        pollIntervalMs: 3_600_000,
        drainConcurrency: this.concurrency,
      });
      try {
        for (const c of this.citizens) await core.handlers['citizens.open']({ cpr: c.cpr, purpose: 'citizen-page' });
        for (const j of this.jobs(n)) {
          await core.handlers['absences.create']({ cpr: j.cpr, input: { type: 10, start: j.day, end: j.day, comment: null, notificationDate: this.today, endReason: null } });
        }
        const m = this.meter();
        core.engine.start();
        await core.engine.whenDrained(600_000);
        const r = m.stop(n);
        const sent = core.outbox.list(n + 10).filter((x) => x.state === 'sent').length;
        if (sent !== n) throw new Error(`drain bench: ${sent} of ${n} commands sent`);
        // Engine counters, where the engine offers them (cycles, flushes): diagnostics only.
        const metrics = (core.engine as unknown as { metrics?: () => Record<string, unknown> }).metrics?.() ?? null;
        return { ...r, ok: sent, rate: (sent / r.ms) * 1000, ...(metrics ? { extra: metrics } : {}) };
      } finally {
        await core.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /** The bare loop: the same REST calls with axios and the same agent; no store, no retries. */
  private async barePhase(n: number): Promise<PhaseResult> {
    const cfg = configFor(this.sb, 'akasse-067');
    const agent = buildHttpsAgent(cfg.tls);
    const http = axios.create({ baseURL: this.sb.url, httpsAgent: agent, timeout: 15_000, proxy: false, maxRedirects: 0, responseType: 'text', transformResponse: [(d: unknown) => d], validateStatus: () => true });
    try {
      const jobs = this.jobs(n).map((j) => ({ ...j, id: randomUUID() }));
      let next = 0;
      let ok = 0;
      const m = this.meter();
      await Promise.all(
        Array.from({ length: this.concurrency }, async () => {
          while (next < jobs.length) {
            const j = jobs[next++]!;
            const body = fravaerBody({ type: 10, start: j.day, end: j.day, comment: null, notificationDate: this.today, endReason: null });
            const res = await http.post<string>(`/v1/Fravaer/${j.id}`, JSON.stringify(body), {
              headers: {
                Accept: 'application/json',
                'Content-Type': 'application/json; charset=utf-8',
                'x-civilRegistrationIdentifier': j.cpr,
                'x-requestId': randomUUID(),
                'x-correlation-id': randomUUID(),
              },
            });
            if (res.status === 201 && (JSON.parse(res.data) as { fravaerIdentifier?: string }).fravaerIdentifier) ok++;
          }
        }),
      );
      const r = m.stop(n);
      if (ok !== n) throw new Error(`drain bench: the bare loop created ${ok} of ${n}`);
      return { ...r, ok, rate: (ok / r.ms) * 1000 };
    } finally {
      agent.destroy();
    }
  }

  /** Wall time and CPU (this process, the sandbox process) from now until stop(). */
  private meter(): { stop(n: number): Omit<PhaseResult, 'ok' | 'rate'> } {
    const pid = this.sb.child.pid;
    const s0 = pid ? processCpuMs(pid) : null;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    return {
      stop: (n) => {
        const ms = performance.now() - t0;
        const c = process.cpuUsage(c0);
        const s1 = pid ? processCpuMs(pid) : null;
        return {
          ms,
          clientCpuUs: Math.round((c.user + c.system) / n),
          sandboxCpuUs: s0 !== null && s1 !== null ? Math.round(((s1 - s0) * 1000) / n) : null,
        };
      },
    };
  }
}

/** CPU time (user + system) of a process in ms, from /proc; null where there is no /proc. */
function processCpuMs(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
