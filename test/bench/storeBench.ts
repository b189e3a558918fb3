// Store measurements at caseload scale: the cached citizen overview through the core API against the
// same statements run raw, FTS search p50/p95 (names through the core's search; message subjects and
// bodies through the store), and the cold open of the encrypted store.

import { createCore } from '../../main/core/app';
import { openStore } from '../../main/core/store';
import { AKASSE_IDENTITY } from '../core/support/fixtures';
import { prng } from '../core/support/fakeDfdg';
import type { BenchData } from './data';
import { metric, summarize, type Metric } from './types';

const time = (fn: () => unknown): number => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const timeAsync = async (fn: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

export async function coldOpen(data: BenchData, runs = 7): Promise<Record<string, Metric>> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    samples.push(
      time(() => {
        const s = openStore({ dataDir: data.dir, key: data.key });
        s.citizens.get(data.cprs[i % data.cprs.length]!);
        s.close();
      }),
    );
  }
  const s = summarize(samples);
  return {
    coldOpen: metric('Cold open of the encrypted store (median)', s.p50, 'ms', { max: 300, text: '< 300 ms' }, { max: Math.max(...samples), samples: samples.map((x) => Math.round(x)) }),
  };
}

export async function overviewAndSearch(data: BenchData, n = 2000): Promise<Record<string, Metric>> {
  const r = prng(7);
  const pick = () => data.cprs[Math.floor(r() * data.cprs.length)]!;
  const core = await createCore({
    dataDir: data.dir,
    dbKey: data.key,
    settings: null,
    dfdg: null,
    identity: AKASSE_IDENTITY,
    mode: 'unconfigured',
    staleAfterMinutes: 24 * 60 * 365,
    retention: false,
  });
  const h = core.handlers;
  const db = core.store.db;

  // The statements citizens.open runs for a fresh cached citizen, prepared once and run raw.
  const sCitizen = db.prepare<[string], { cpr: string; name: string; data: string; fetched_at: string | null; last_used_at: string | null; access: string }>(
    'SELECT cpr, name, data, fetched_at, last_used_at, access FROM citizens WHERE cpr = ?',
  );
  const sMeta = db.prepare("SELECT fetched_at FROM cache_meta WHERE cpr = ? AND part = 'status'").pluck();
  const sTouch = db.prepare('UPDATE citizens SET last_used_at = ? WHERE cpr = ?');
  const sThreads = db
    .prepare('SELECT count(*) FROM messages m WHERE m.cpr = ? AND (m.response_to IS NULL OR NOT EXISTS (SELECT 1 FROM messages p WHERE p.id = m.response_to))')
    .pluck();
  const sAbs = db.prepare('SELECT count(*) FROM absences WHERE cpr = ? AND hidden = 0').pluck();
  const sAct = db.prepare('SELECT count(*) FROM activities WHERE cpr = ?').pluck();
  const sAdv = db.prepare("SELECT count(*) FROM advisories WHERE status != 'done' AND cpr = ?").pluck();
  const sDrafts = db.prepare('SELECT count(*) FROM drafts WHERE cpr = ?').pluck();
  const raw = (cpr: string) => {
    const row = sCitizen.get(cpr)!;
    JSON.parse(row.data);
    sMeta.get(cpr);
    db.transaction(() => {
      const at = new Date().toISOString();
      sTouch.run(at, cpr);
      // The access log entry, chained as the core writes it (the hash of the previous entry and its own content).
      core.store.audit.append({ at, user_identifier: 'CVR:1-UUID:2', user_name: 'Anna Akasse', organisation_type: 2, organisation_code: '067', cpr, action: 'citizen.open', source: 'cache', purpose: 'citizen-page', outcome: 'ok' });
    }).immediate();
    return [sThreads.get(cpr), sAbs.get(cpr), sAct.get(cpr), sAdv.get(cpr), sDrafts.get(cpr)];
  };

  // Warm-up, then interleave the two so both see the same cache state.
  for (let i = 0; i < 200; i++) {
    raw(pick());
    await h['citizens.open']({ cpr: pick(), purpose: 'citizen-page' });
  }
  const rawS: number[] = [];
  const coreS: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = pick();
    const b = pick();
    rawS.push(time(() => raw(a)));
    coreS.push(await timeAsync(() => h['citizens.open']({ cpr: b, purpose: 'citizen-page' })));
  }
  const rs = summarize(rawS);
  const cs = summarize(coreS);

  // Name search through the core (FTS5 on names + access check + one audit entry per hit).
  const GIVEN = ['met', 'jen', 'lar', 'søre', 'kirs', 'han', 'mad', 'cam', 'ahm', 'fat', 'jør', 'ida'];
  const SUR = ['jens', 'niel', 'han', 'pede', 'ande', 'chri', 'lars', 'søre', 'møl', 'kjæ', 'øst', 'holm'];
  const nameS: number[] = [];
  let hits = 0;
  for (let i = 0; i < 500; i++) {
    const q = i % 3 === 0 ? GIVEN[i % GIVEN.length]! : `${GIVEN[i % GIVEN.length]} ${SUR[(i * 7) % SUR.length]}`;
    nameS.push(await timeAsync(async () => (hits += (await h['citizens.search']({ query: q })).results.length)));
  }
  const ns = summarize(nameS);

  // Message full-text search over subjects and bodies (1M messages).
  const MSGQ = ['virksomhedspraktik bageri', 'løntilskud lager', 'opkvalificering kursus', 'truck', 'sosu uger', 'svar begrundelse', 'mentor hjælpemidler', 'tømrer', 'kundeservice aftale', 'afgørelse'];
  const msgS: number[] = [];
  for (let i = 0; i < 300; i++) msgS.push(time(() => core.store.messages.search(MSGQ[i % MSGQ.length]!, { limit: 50 })));
  const ms = summarize(msgS);
  await core.stop();

  return {
    overviewCore: metric('Citizen overview via core API (p50)', cs.p50, 'ms', null, { ...cs }),
    overviewRaw: metric('Citizen overview, raw statements (p50)', rs.p50, 'ms', null, { ...rs }),
    overviewRatio: metric('Overview core/raw (p50 ratio)', cs.p50 / rs.p50, 'ratio', { max: 2, text: '≤ 2' }, { meanRatio: cs.mean / rs.mean }),
    ftsNames: metric('FTS name search via core p95', ns.p95, 'ms', { max: 30, text: '< 30 ms' }, { ...ns, averageHits: hits / nameS.length }),
    ftsMessages: metric('FTS message search p95 (1M messages)', ms.p95, 'ms', { max: 30, text: '< 30 ms' }, { ...ms }),
  };
}

/**
 * The access log's hash chain (issue 15 item 9): what chaining costs per entry (append: read the head,
 * SHA-256, insert through the chain trigger, inside a transaction as the core writes it), and how long
 * the full check takes (at start and before every export), with the longest stretch it holds the event
 * loop (one chunk). `n` entries in a fresh encrypted store.
 */
export async function auditChain(dir: string, key: Buffer, n = 200_000): Promise<Record<string, Metric>> {
  const store = openStore({ dataDir: dir, key });
  try {
    const entry = (i: number) => ({
      at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      user_identifier: 'CVR:12345678-UUID:0b9a7c2e-2f3c-4c55-8d7e-1234567890ab',
      user_name: 'Anna Akasse',
      organisation_type: 2,
      organisation_code: '067',
      cpr: String(1_000_000_000 + (i % 5000)),
      action: 'citizen.open',
      source: 'cache' as const,
      purpose: 'citizen-page',
      outcome: 'ok' as const,
    });
    // Bulk: 1000 entries per transaction (the fsync is not what is measured here).
    const bulk = time(() => {
      for (let i = 0; i < n; i += 1000) store.transaction(() => { for (let j = i; j < Math.min(n, i + 1000); j++) store.audit.append(entry(j)); });
    });
    // Single entries as the handlers write them: one transaction each, without the flush to disk.
    const single: number[] = [];
    store.withoutFsync(() => {
      for (let i = 0; i < 2000; i++) single.push(time(() => store.transaction(() => store.audit.append(entry(n + i)))));
    });
    const s = summarize(single);
    // The full check, and the longest synchronous stretch of it (the gaps between its chunks).
    let longest = 0;
    let last = performance.now();
    let running = true;
    const probe = (): void => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      if (running) setImmediate(probe);
    };
    setImmediate(probe);
    const verifyMs = await timeAsync(async () => {
      const r = await store.audit.verify();
      if (!r.intact) throw new Error(`bench chain broken at ${r.brokenAt}`);
    });
    running = false;
    const perSecond = ((n + 2000) / verifyMs) * 1000;
    return {
      auditAppend: metric('Access log: chained append of one entry, own transaction (p50)', s.p50, 'ms', null, { p95: s.p95, bulkPerEntryUs: Math.round((bulk / n) * 1000) }),
      auditVerify: metric(`Access log: full chain check of ${n + 2000} entries`, verifyMs, 'ms', null, {
        entriesPerSecond: Math.round(perSecond),
        longestEventLoopBlockMs: Math.round(longest),
        // A caseworker's 5 years at 500 entries a working day (about 625,000 entries).
        projectedSecondsFor625k: Math.round((625_000 / perSecond) * 10) / 10,
      }),
    };
  } finally {
    store.close();
  }
}
