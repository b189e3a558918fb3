// Outbox drain throughput against the sandbox (in its own process) compared with a bare axios loop
// sending the same requests: N absence registrations (CreateFravaerMedIdentifier, REST), the same
// concurrency, the same TLS settings. The outbox pays for durability (commits to the encrypted store
// before and after each call) and bookkeeping; the goal is ≥ 0.8 of the bare loop.
//
// Two settings: with a simulated DFDG round trip (the sandbox's latency fault, default 20 ms, as a
// remote service has) — the goal figure — and with no latency at all, where a loopback request costs
// less than a durable commit, so the ratio shows the client's CPU cost per command (informational).

import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { createCore } from '../../main/core/app';
import { addDays, todayIso } from '../../shared/dates';
import { sandboxAdmin } from '../../sandbox/adminClient';
import { configFor, identityFor, readSample } from '../contract/helpers';
import { startSandboxProcess } from './sandboxProcess';
import { metric, type Metric } from './types';

export async function drainVsAxios(opts: { n?: number; concurrency?: number; latencyMs?: number } = {}): Promise<Record<string, Metric>> {
  const sb = await startSandboxProcess({ citizens: 500, seed: 3 });
  try {
    const admin = sandboxAdmin(sb);
    const latency = opts.latencyMs ?? 20;
    await admin.setFaults({ latencyMs: latency });
    const slow = await onePair(sb, opts.n ?? 500, opts.concurrency ?? 4, 0);
    await admin.setFaults({});
    const fast = await onePair(sb, opts.n ?? 500, opts.concurrency ?? 4, 1);
    return {
      drainOutbox: metric(`Outbox drain, ${latency} ms DFDG latency`, slow.outboxRate, 'cmd/s', null, slow.details),
      drainBare: metric(`Bare axios loop, ${latency} ms DFDG latency`, slow.bareRate, 'cmd/s', null),
      drainRatio: metric(`Outbox / bare axios throughput (${latency} ms latency)`, slow.outboxRate / slow.bareRate, 'ratio', { min: 0.8, text: '≥ 0.8' }),
      drainOutboxLoopback: metric('Outbox drain, no latency (CPU-bound)', fast.outboxRate, 'cmd/s', null, fast.details),
      drainBareLoopback: metric('Bare axios loop, no latency', fast.bareRate, 'cmd/s', null),
      drainRatioLoopback: metric('Outbox / bare axios, no latency (informational)', fast.outboxRate / fast.bareRate, 'ratio', null),
    };
  } finally {
    await sb.close();
  }
}

async function onePair(sb: Awaited<ReturnType<typeof startSandboxProcess>>, n: number, concurrency: number, round: number): Promise<{ outboxRate: number; bareRate: number; details: Record<string, unknown> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfdg-bench-drain-'));
  try {
    const sample = readSample(sb.dataDir);
    const org = sample.organisations.find((o) => o.id === 'akasse-067')!;
    const citizens = org.visible;
    const today = todayIso(new Date());
    const cfg = configFor(sb, 'akasse-067');
    const core = await createCore({
      dataDir: dir,
      dbKey: randomBytes(32),
      settings: null,
      dfdg: cfg,
      identity: identityFor(sb, 'akasse-067'),
      mode: 'sandbox',
      retention: false,
      pollIntervalMs: 3_600_000,
      drainConcurrency: concurrency,
    });
    for (const c of citizens) await core.handlers['citizens.open']({ cpr: c.cpr, purpose: 'citizen-page' });
    const day = (i: number) => addDays(today, 30 + round * 200 + Math.floor(i / citizens.length))!;
    for (let i = 0; i < n; i++) {
      const c = citizens[i % citizens.length]!;
      await core.handlers['absences.create']({ cpr: c.cpr, input: { type: 10, start: day(i), end: day(i), comment: null, notificationDate: today, endReason: null } });
    }
    const t0 = performance.now();
    core.start();
    await core.engine.whenDrained(600_000);
    const outboxMs = performance.now() - t0;
    const sent = core.outbox.list(n + 10).filter((r) => r.state === 'sent').length;
    await core.stop();

    // The bare loop: the same REST calls with axios, the same agent settings, no store, no retries.
    if (cfg.tls.kind !== 'pem') throw new Error('expected PEM');
    const agent = new https.Agent({ ca: cfg.tls.ca, cert: cfg.tls.cert, key: cfg.tls.key, keepAlive: true, maxSockets: concurrency });
    const http = axios.create({ baseURL: sb.url, httpsAgent: agent, timeout: 15_000 });
    const jobs = Array.from({ length: n }, (_, i) => {
      const c = citizens[i % citizens.length]!;
      return { cpr: c.cpr, id: randomUUID(), day: addDays(today, 600 + round * 200 + Math.floor(i / citizens.length))! };
    });
    let next = 0;
    let ok = 0;
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < jobs.length) {
          const j = jobs[next++]!;
          const res = await http.post(
            `/v1/Fravaer/${j.id}`,
            { fravaerType: 10, startDato: `${j.day}T00:00:00`, slutDato: `${j.day}T00:00:00`, anmeldelsesDato: `${today}T00:00:00` },
            { headers: { 'x-civilRegistrationIdentifier': j.cpr, 'x-requestId': randomUUID(), 'content-type': 'application/json; charset=utf-8' }, validateStatus: () => true },
          );
          if (res.status === 201) ok++;
        }
      }),
    );
    const bareMs = performance.now() - t1;
    agent.destroy();
    const outboxRate = (sent / outboxMs) * 1000;
    const bareRate = (ok / bareMs) * 1000;
    return { outboxRate, bareRate, details: { commands: n, sent, outboxSeconds: outboxMs / 1000, bareCreated: ok, bareSeconds: bareMs / 1000, concurrency } };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
