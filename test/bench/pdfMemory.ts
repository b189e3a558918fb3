// PDF intake memory (issue 15 item 7): peak resident memory while 1 and 6 PDFs are read at once, each
// configuration in a fresh process (pdfMemoryChild.ts), for the core's pool of worker threads (its
// size on this machine, and 2 workers, the most it has), and, for comparison, for a worker per PDF (the
// design before: a new worker with pdf.js for every PDF).

import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { poolSize } from '../../main/core/workers/pool';
import { metric, type Metric } from './types';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pdfMemoryChild.ts');

interface Measurement {
  design: 'pool' | 'per-pdf';
  pdfs: number;
  pdfBytes: number;
  workers: number;
  ok: boolean;
  ms: number;
  baselineMb: number;
  peakMb: number;
  perPdfMb: number;
}

async function measure(design: Measurement['design'], pdfs: number, size?: number): Promise<Measurement> {
  // The child runs under the same loader as this process (tsx), as the bench itself does.
  const args = [...process.execArgv, CHILD, '--design', design, '--pdfs', String(pdfs), ...(size === undefined ? [] : ['--size', String(size)])];
  const { stdout } = await promisify(execFile)(process.execPath, args, { timeout: 180_000 });
  const m = JSON.parse(stdout.trim().split('\n').at(-1)!) as Measurement;
  if (!m.ok) throw new Error(`pdf memory bench: a PDF was not read (${design}, ${pdfs})`);
  return m;
}

export async function pdfMemory(): Promise<Record<string, Metric>> {
  const out: Record<string, Metric> = {};
  await measure('pool', 1); // warm-up: the loader's cache, so the first figure is not the odd one out
  const sizes = [...new Set([poolSize(), 2])];
  const designs = [...sizes.map((size) => ({ key: `pool${size}`, design: 'pool' as const, size })), { key: 'perPdf', design: 'per-pdf' as const, size: undefined }];
  for (const { key, design, size } of designs) {
    for (const pdfs of [1, 6]) {
      const m = await measure(design, pdfs, size);
      const what = design === 'pool' ? `pool of ${size}${size === poolSize() ? ', as on this machine' : ''}` : 'a worker per PDF, as before';
      out[`pdfRss_${key}_${pdfs}`] = metric(`PDF intake peak RSS, ${pdfs} PDF${pdfs > 1 ? 's' : ''} at once (${what})`, m.peakMb, 'MB', null, {
        baselineMb: m.baselineMb,
        perPdfMb: m.perPdfMb,
        workersStarted: m.workers,
        pdfBytes: m.pdfBytes,
        ms: m.ms,
      });
    }
  }
  return out;
}
