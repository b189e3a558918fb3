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
  const sAudit = db.prepare(
    'INSERT INTO audit (at, user_identifier, user_name, organisation_type, organisation_code, cpr, action, source, purpose, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
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
      sAudit.run(at, 'CVR:1-UUID:2', 'Anna Akasse', 2, '067', cpr, 'citizen.open', 'cache', 'citizen-page', 'ok');
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
