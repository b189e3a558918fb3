// `npm run bench`: performance and robustness figures for DFDG Desk, printed as a table and written
// to bench-results.json. Sections: store at caseload scale (100k citizens, 1M messages), outbox drain
// against the sandbox, the 100-kill crash soak, the organisation hub (hubBench.ts), the PDF intake's
// memory (pdfMemory.ts), and (when test/bench/renderer.ts exists) the renderer.
//
// Options: --only store,audit,drain,crash,hub,pdf,renderer   --citizens N --messages N   --kills N --audit N
// Bench data is generated into a temp dir each run (a minute or so) and removed afterwards.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crashSoak } from './crashSoak';
import { generate } from './data';
import { drainVsAxios } from './drainBench';
import { hubBench } from './hubBench';
import { pdfMemory } from './pdfMemory';
import { auditChain, coldOpen, overviewAndSearch } from './storeBench';
import { metric, type Metric, type RendererBenchModule } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '../..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const SECTIONS = ['store', 'audit', 'drain', 'crash', 'hub', 'pdf', 'renderer'];
const only = arg('only')?.split(',') ?? SECTIONS;
const citizens = Number(arg('citizens') ?? 100_000);
const messages = Number(arg('messages') ?? 1_000_000);
const kills = Number(arg('kills') ?? 100);

let peakRssMb = 0;
const sampleRss = () => {
  peakRssMb = Math.max(peakRssMb, process.memoryUsage().rss / 1024 / 1024);
};
const rssTimer = setInterval(sampleRss, 200);
rssTimer.unref();

function printTable(results: Record<string, Metric>): void {
  const rows = Object.values(results).map((m) => [
    m.label,
    `${m.value} ${m.unit === 'ratio' ? '×' : m.unit}`,
    m.goal ?? '',
    m.ok === null ? '' : m.ok ? 'ok' : 'MISSED',
  ]);
  const head = ['Measurement', 'Value', 'Goal', ''];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(' | ')} |`;
  console.log(['', line(head), `|${w.map((x) => '-'.repeat(x + 2)).join('|')}|`, ...rows.map(line), ''].join('\n'));
}

async function main(): Promise<void> {
  const results: Record<string, Metric> = {};
  const t0 = performance.now();
  if (only.includes('store')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfdg-bench-store-'));
    try {
      console.log(`[bench] generating ${citizens} citizens and ${messages} messages …`);
      const data = generate(dir, randomBytes(32), citizens, messages, (l) => console.log(l));
      const fileMb = fs.statSync(path.join(dir, 'dfdg-desk.db')).size / 1024 / 1024;
      results.dataset = metric(`Dataset: ${citizens} citizens, ${messages} messages (generation)`, data.generateMs / 1000, 's', null, { fileMb: Math.round(fileMb) });
      Object.assign(results, await coldOpen(data));
      sampleRss();
      Object.assign(results, await overviewAndSearch(data));
      sampleRss();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (only.includes('audit')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfdg-bench-audit-'));
    try {
      console.log('[bench] access log hash chain …');
      Object.assign(results, await auditChain(dir, randomBytes(32), Number(arg('audit') ?? 200_000)));
      sampleRss();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (only.includes('drain')) {
    console.log('[bench] outbox drain vs bare axios …');
    Object.assign(results, await drainVsAxios({ n: 500, concurrency: 4, latencyMs: 20 }));
    sampleRss();
  }
  if (only.includes('crash')) {
    console.log(`[bench] crash soak: ${kills} kills …`);
    Object.assign(results, await crashSoak({ kills, commandsPerRound: 200 }));
  }
  if (only.includes('hub')) {
    console.log('[bench] organisation hub …');
    Object.assign(results, await hubBench());
    sampleRss();
  }
  if (only.includes('pdf')) {
    console.log('[bench] PDF intake memory …');
    Object.assign(results, await pdfMemory());
  }
  sampleRss();
  results.peakRss = metric('Peak RSS of the bench process', peakRssMb, 'MB', null, { maxRssKb: process.resourceUsage().maxRSS });

  const rendererModule = path.join(here, 'renderer.ts');
  if (only.includes('renderer') && fs.existsSync(rendererModule)) {
    console.log('[bench] renderer …');
    const mod = (await import(pathToFileURL(rendererModule).href)) as RendererBenchModule;
    Object.assign(results, await mod.run());
  }

  printTable(results);
  const out = path.join(REPO, 'bench-results.json');
  const previous = fs.existsSync(out) && only.length < SECTIONS.length ? (JSON.parse(fs.readFileSync(out, 'utf8')) as { results?: Record<string, Metric> }).results ?? {} : {};
  fs.writeFileSync(
    out,
    `${JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        durationSeconds: Math.round((performance.now() - t0) / 1000),
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memoryMb: Math.round(os.totalmem() / 1024 / 1024), node: process.version, platform: `${process.platform}-${process.arch}` },
        options: { only, citizens, messages, kills },
        results: { ...previous, ...results },
      },
      null,
      2,
    )}\n`,
  );
  console.log(`[bench] written ${path.relative(process.cwd(), out) || out}`);
  const missed = Object.entries(results).filter(([, m]) => m.ok === false);
  if (missed.length) console.log(`[bench] goals missed: ${missed.map(([k]) => k).join(', ')}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
