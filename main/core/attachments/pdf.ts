// PDF checks for attachment intake: a structural scan of the raw bytes (end marker, /Encrypt, active
// content, including names hidden inside compressed object streams and #xx-escaped names), then
// pdf.js (legacy build, in Node) for the page count and its own view of JavaScript and encryption.
// pdf.js runs in a worker thread (pdfWorker.ts) that is terminated at the deadline, so a PDF that
// makes pdf.js spin cannot hold up the main process (and with it every IPC call).

import { Worker } from 'node:worker_threads';
import { inflateSync, constants as zlibConstants } from 'node:zlib';
import type { Logger } from '../log';
import { analysePdf, isPdfJsResult, loadPdfJs, UNREADABLE, type PdfJsResult, type PdfWorkerInput } from './pdfAnalysis';

export type { PdfJsResult } from './pdfAnalysis';

export interface PdfScan {
  /** '%%EOF' near the end of the file (a cut-off download has none). */
  hasEof: boolean;
  /** The trailer or cross-reference stream names an /Encrypt dictionary. */
  encrypted: boolean;
  /** /JavaScript, /JS or /Launch appears as a name, in the file or in a compressed object stream. */
  activeContent: boolean;
}

const ACTIVE_NAMES = new Set(['JavaScript', 'JS', 'Launch']);
// Bound the work an object-stream "zip bomb" can cause.
const MAX_INFLATED_TOTAL = 64 * 1024 * 1024;
const NAME_RE = /\/([^\s/[\]()<>{}%]*)/g;

const decodeName = (raw: string) => (raw.includes('#') ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : raw);

function namesIn(text: string, onName: (name: string) => void) {
  NAME_RE.lastIndex = 0;
  for (let m = NAME_RE.exec(text); m; m = NAME_RE.exec(text)) onName(decodeName(m[1]!));
}

/** Scans a PDF's bytes without interpreting them (fast, and independent of pdf.js). */
export function scanPdf(bytes: Uint8Array): PdfScan {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  // ISO 32000 puts %%EOF within the last 1024 bytes; allow some trailing junk.
  const hasEof = text.lastIndexOf('%%EOF') >= Math.max(0, text.length - 2048);

  let encrypted = false;
  let activeContent = false;
  const onName = (name: string) => {
    if (name === 'Encrypt') encrypted = true;
    else if (ACTIVE_NAMES.has(name)) activeContent = true;
  };
  const onObjStmName = (name: string) => {
    if (ACTIVE_NAMES.has(name)) activeContent = true;
  };

  // Walk the file, scanning the object syntax and skipping stream data; object streams are inflated
  // and scanned, since objects inside them (e.g. the catalog's /OpenAction) are invisible otherwise.
  const streamRe = /(?<!end)stream(?:\r\n|\n|\r)/g;
  let pos = 0;
  let inflatedTotal = 0;
  for (let m = streamRe.exec(text); m; m = streamRe.exec(text)) {
    const syntax = text.slice(pos, m.index);
    namesIn(syntax, onName);
    const dataStart = m.index + m[0].length;
    const end = text.indexOf('endstream', dataStart);
    const dataEnd = end === -1 ? text.length : end;
    const objAt = syntax.lastIndexOf(' obj');
    const dict = objAt === -1 ? syntax.slice(-2000) : syntax.slice(objAt);
    if (/\/Type\s*\/ObjStm/.test(dict) && /\/FlateDecode/.test(dict) && inflatedTotal < MAX_INFLATED_TOTAL) {
      try {
        const inflated = inflateSync(buf.subarray(dataStart, dataEnd), {
          finishFlush: zlibConstants.Z_SYNC_FLUSH,
          maxOutputLength: MAX_INFLATED_TOTAL - inflatedTotal,
        });
        inflatedTotal += inflated.length;
        namesIn(inflated.toString('latin1'), onObjStmName);
      } catch {
        // A broken object stream: pdf.js decides whether the file is readable.
      }
    }
    pos = end === -1 ? text.length : end + 'endstream'.length;
    streamRe.lastIndex = pos;
  }
  namesIn(text.slice(pos), onName);
  return { hasEof, encrypted, activeContent };
}

export interface PdfJsOptions {
  /** Where a warning goes when the worker cannot be started (the core's logger). */
  log?: Logger;
  /** The worker's entry; only tests set it (default: pdfWorker next to this module). */
  workerUrl?: URL;
  /** The worker's heap limit in MB (default PDF_WORKER_HEAP_MB); tests set a small one. */
  heapMb?: number;
}

/**
 * The worker's V8 heap limit. pdf.js needs a few times the file's size (10 MB at most) to read it; a
 * PDF built to make it allocate without end (a "memory bomb") stops the worker with
 * ERR_WORKER_OUT_OF_MEMORY, which answers 'unreadable', instead of growing the app's memory.
 */
export const PDF_WORKER_HEAP_MB = 512;

/**
 * The worker's entry next to this module: pdfWorker.ts when running from the sources (vitest, tsx),
 * out/main/pdfWorker.js next to out/main/index.js in the electron-vite bundle (also inside the asar).
 */
export function pdfWorkerUrl(moduleUrl: string = import.meta.url): URL {
  const ext = new URL(moduleUrl).pathname.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./pdfWorker${ext}`, moduleUrl);
}

/**
 * Reads the PDF with pdf.js and gives the page count, JavaScript actions (document, catalog and page
 * level) and whether it is encrypted, or why it cannot be read. Answers 'unreadable' at `timeoutMs`
 * at the latest: the analysis runs in a worker thread that is terminated then. Only if no worker can
 * be started does it run here, on this thread, with the deadline checked between steps (and a warning
 * in the log).
 */
export async function analysePdfWithPdfJs(bytes: Uint8Array, timeoutMs: number, opts: PdfJsOptions = {}): Promise<PdfJsResult> {
  const deadline = Date.now() + timeoutMs;
  const viaWorker = await analyseInWorker(bytes, deadline, opts.workerUrl ?? pdfWorkerUrl(), opts.heapMb ?? PDF_WORKER_HEAP_MB);
  if (!('notStarted' in viaWorker)) return viaWorker;
  // Neither the error's message nor its stack: they hold paths (the user's home directory).
  const err = viaWorker.notStarted as { name?: unknown; code?: unknown } | null;
  opts.log?.('warn', 'attachments: the PDF worker could not be started; reading the PDF on the main thread', {
    error: typeof err?.name === 'string' ? err.name : 'unknown',
    ...(typeof err?.code === 'string' ? { code: err.code } : {}),
  });
  return analyseInThisThread(bytes, deadline);
}

type WorkerOutcome = PdfJsResult | { notStarted: unknown };

/**
 * One worker for this PDF. It says 'ready' once it has loaded pdf.js; an error or exit before that
 * means it could not be started (the caller falls back). After 'ready', an error, an exit or a
 * malformed message is the PDF's doing and answers 'unreadable': the file is not then tried on the
 * main thread. At the deadline the worker is terminated, wherever it is.
 */
function analyseInWorker(bytes: Uint8Array, deadline: number, url: URL, heapMb: number): Promise<WorkerOutcome> {
  return new Promise((resolve) => {
    // The worker gets its own copy, transferred (not cloned again); the caller's bytes stay intact.
    const input: PdfWorkerInput = { bytes: new Uint8Array(bytes) };
    let worker: Worker;
    try {
      worker = new Worker(url, {
        workerData: input,
        transferList: [input.bytes.buffer as ArrayBuffer],
        resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.min(64, heapMb / 4) },
      });
    } catch (err) {
      resolve({ notStarted: err });
      return;
    }
    let ready = false;
    let settled = false;
    const finish = (outcome: WorkerOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate().catch(() => undefined);
      resolve(outcome);
    };
    const timer = setTimeout(() => finish(UNREADABLE), Math.max(0, deadline - Date.now()));
    worker.on('message', (m: unknown) => {
      const msg = m as { type?: unknown; result?: unknown } | null;
      if (msg?.type === 'ready' && !ready) ready = true;
      else if (msg?.type === 'result' && ready && isPdfJsResult(msg.result)) finish(msg.result);
      else finish(UNREADABLE);
    });
    worker.on('messageerror', () => finish(UNREADABLE));
    worker.on('error', (err) => finish(ready ? UNREADABLE : { notStarted: err }));
    worker.on('exit', (code) => finish(ready ? UNREADABLE : { notStarted: { name: 'WorkerExit', code: String(code) } }));
  });
}

/** The fallback: pdf.js on this thread, stopped softly at the deadline (as before the worker). */
async function analyseInThisThread(bytes: Uint8Array, deadline: number): Promise<PdfJsResult> {
  let pdfjs: Awaited<ReturnType<typeof loadPdfJs>>;
  try {
    pdfjs = await loadPdfJs();
  } catch {
    return UNREADABLE;
  }
  return analysePdf(pdfjs, bytes, deadline);
}
