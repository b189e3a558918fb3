// PDF checks for attachment intake: a structural scan of the raw bytes (end marker, /Encrypt, active
// content, including names hidden inside compressed object streams and #xx-escaped names), then
// pdf.js (legacy build, in Node) for the page count and its own view of JavaScript and encryption.
// pdf.js runs in a small pool of long-lived worker threads (pdfWorker.ts, ../workers/pool.ts); the
// worker reading a PDF is terminated at the deadline, so a PDF that makes pdf.js spin cannot hold up
// the main process (and with it every IPC call), and only that PDF fails.

import { inflateSync, constants as zlibConstants } from 'node:zlib';
import type { Logger } from '../log';
import { entryUrl, WorkerPool, type PoolStats } from '../workers/pool';
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

export interface PdfReaderOptions {
  /** Where a warning goes when the worker cannot be started (the core's logger). */
  log?: Logger;
  /** The worker's entry; only tests set it (default: pdfWorker next to this module). */
  workerUrl?: URL;
  /** The worker's heap limit in MB (default PDF_WORKER_HEAP_MB); tests set a small one. */
  heapMb?: number;
  /** Workers at most (default poolSize(): the cores less one, 1 to 2). */
  size?: number;
  /** A worker idle this long is ended (default PDF_WORKER_IDLE_MS); null keeps it until close(). */
  idleMs?: number | null;
}

/**
 * The worker's V8 heap limit. pdf.js needs a few times the file's size (10 MB at most) to read it; a
 * PDF built to make it allocate without end (a "memory bomb") stops the worker with
 * ERR_WORKER_OUT_OF_MEMORY, which answers 'unreadable', instead of growing the app's memory.
 */
export const PDF_WORKER_HEAP_MB = 512;

/**
 * An idle worker (pdf.js loaded, some 60 MB resident) is ended after this long; a burst of attachments
 * is served by the same workers, and a caseworker who attaches nothing for a while gets the memory back.
 */
export const PDF_WORKER_IDLE_MS = 5 * 60_000;

/** The worker's entry next to this module (workers/pool.ts entryUrl). */
export function pdfWorkerUrl(moduleUrl: string = import.meta.url): URL {
  return entryUrl('pdfWorker', moduleUrl);
}

/**
 * Reads PDFs with pdf.js in a pool of 1 to 2 long-lived worker threads (../workers/pool.ts), started
 * when the first PDF comes and reused for the next ones; PDFs beyond the pool's size wait their turn.
 * One per core (createCore), closed when the core stops.
 */
export class PdfReader {
  private readonly pool: WorkerPool;
  private readonly log: Logger | undefined;

  constructor(opts: PdfReaderOptions = {}) {
    const heapMb = opts.heapMb ?? PDF_WORKER_HEAP_MB;
    this.log = opts.log;
    this.pool = new WorkerPool({
      url: opts.workerUrl ?? pdfWorkerUrl(),
      ...(opts.size !== undefined ? { size: opts.size } : {}),
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.min(64, heapMb / 4) },
      idleMs: opts.idleMs === undefined ? PDF_WORKER_IDLE_MS : opts.idleMs,
    });
  }

  /**
   * The page count, JavaScript actions (document, catalog and page level) and whether the PDF is
   * encrypted, or why it cannot be read. pdf.js gets `timeoutMs` from the moment a worker takes the PDF
   * (its start-up included); then that worker is terminated and the answer is 'unreadable', as it is
   * when the worker dies or answers something malformed: the file is not then tried on the main thread.
   * Only if no worker can be started is the PDF read here, on this thread, with the deadline checked
   * between steps (and a warning in the log).
   */
  async analyse(bytes: Uint8Array, timeoutMs: number): Promise<PdfJsResult> {
    // The worker gets its own copy, transferred (not cloned again); the caller's bytes stay intact.
    const input: PdfWorkerInput = { bytes: new Uint8Array(bytes) };
    const outcome = await this.pool.run(input, { timeoutMs, transfer: [input.bytes.buffer as ArrayBuffer] });
    if (outcome.kind === 'result') return isPdfJsResult(outcome.value) ? outcome.value : UNREADABLE;
    if (outcome.kind !== 'not-started') return UNREADABLE;
    // Neither the error's message nor its stack: they hold paths (the user's home directory).
    const err = outcome.error as { name?: unknown; code?: unknown } | null;
    this.log?.('warn', 'attachments: the PDF worker could not be started; reading the PDF on the main thread', {
      error: typeof err?.name === 'string' ? err.name : 'unknown',
      ...(typeof err?.code === 'string' ? { code: err.code } : {}),
    });
    return analyseInThisThread(bytes, Date.now() + timeoutMs);
  }

  /** Workers alive and started, PDFs being read and waiting (tests, the bench). */
  stats(): PoolStats {
    return this.pool.stats();
  }

  /** Ends the workers; PDFs still being read or waiting answer 'unreadable'. */
  close(): Promise<void> {
    return this.pool.close();
  }
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
