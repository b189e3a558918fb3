// One measurement of the PDF intake's memory, in a fresh process (run by pdfMemory.ts): the process's
// resident set before, and its peak (the kernel's high-water mark, ru_maxrss) while `--pdfs N` PDFs
// are read at once, by the core's reader (`--design pool`, of `--size N` workers if given, else the
// core's size) or by a worker per PDF, each ended after its PDF (`--design per-pdf`, the design before
// issue 15). Prints one JSON line.

import { PdfReader } from '../../main/core/attachments/pdf';
import { makePdf } from '../fixtures/pdf';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const pdfs = Number(arg('pdfs') ?? 1);
const design = arg('design') === 'per-pdf' ? 'per-pdf' : 'pool';
const size = arg('size') === undefined ? undefined : Number(arg('size'));
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main(): Promise<void> {
  const pdf = makePdf();
  const reader = design === 'pool' ? new PdfReader(size === undefined ? {} : { size }) : new PdfReader({ size: pdfs, idleMs: 0 });
  const baseline = process.memoryUsage().rss;
  const t0 = performance.now();
  const results = await Promise.all(Array.from({ length: pdfs }, () => reader.analyse(pdf, 60_000)));
  const ms = performance.now() - t0;
  const peak = process.resourceUsage().maxRSS * 1024;
  const { started } = reader.stats();
  await reader.close();
  console.log(JSON.stringify({ design, pdfs, pdfBytes: pdf.byteLength, workers: started, ok: results.every((r) => r.ok), ms: Math.round(ms), baselineMb: mb(baseline), peakMb: mb(peak), perPdfMb: mb((peak - baseline) / pdfs) }));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
