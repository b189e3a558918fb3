// PDF checks for attachment intake: a structural scan of the raw bytes (end marker, /Encrypt, active
// content, including names hidden inside compressed object streams and #xx-escaped names), then
// pdf.js (legacy build, in Node) for the page count and its own view of JavaScript and encryption.

import { inflateSync, constants as zlibConstants } from 'node:zlib';
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';

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

export type PdfJsResult =
  | { ok: true; pageCount: number; encrypted: boolean; javascript: boolean }
  | { ok: false; reason: 'encrypted' | 'truncated' | 'unreadable' };

type PdfJsModule = typeof PdfJs;
let pdfjsPromise: Promise<PdfJsModule> | null = null;
const loadPdfJs = () => (pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/**
 * Opens the PDF with pdf.js (legacy build, Node) and reads the page count, JavaScript actions
 * (document, catalog and page level) and whether it is encrypted. Gives up after `timeoutMs`.
 */
export async function analysePdfWithPdfJs(bytes: Uint8Array, timeoutMs: number): Promise<PdfJsResult> {
  let pdfjs: PdfJsModule;
  try {
    pdfjs = await loadPdfJs();
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  // pdf.js takes ownership of (and detaches) the buffer it is given: pass a copy.
  // isEvalSupported: pdf.js 6 no longer compiles fonts with eval (the option is gone from its types);
  // it is passed anyway so a downgrade to a version that has it stays safe (CVE-2024-4367).
  const params: Record<string, unknown> = {
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    enableXfa: false,
    stopAtErrors: true,
    useSystemFonts: false,
    verbosity: 0,
  };
  let task: ReturnType<PdfJsModule['getDocument']>;
  try {
    task = pdfjs.getDocument(params as Parameters<PdfJsModule['getDocument']>[0]);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<PdfJsResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: 'unreadable' }), timeoutMs);
  });
  // pdf.js in Node runs on this thread and mostly through promise jobs, so the timer alone may not get
  // a turn: the work also checks the deadline between steps. (A worker thread would allow a hard stop;
  // it is not used because electron-vite and vitest need different worker entry points.)
  const deadline = Date.now() + timeoutMs;
  const late = () => Date.now() >= deadline;
  const work = (async (): Promise<PdfJsResult> => {
    try {
      const doc = await task.promise;
      if (late()) return { ok: false, reason: 'unreadable' };
      const info = (await doc.getMetadata()).info as { EncryptFilterName?: string | null };
      let javascript = (await doc.getJSActions()) !== null;
      for (let p = 1; p <= doc.numPages && !javascript; p++) {
        if (late()) return { ok: false, reason: 'unreadable' };
        const page = await doc.getPage(p);
        if ((await page.getJSActions()) !== null) javascript = true;
        const annotations = (await page.getAnnotations()) as { actions?: Record<string, unknown> }[];
        if (annotations.some((a) => a.actions && Object.keys(a.actions).length > 0)) javascript = true;
      }
      return { ok: true, pageCount: doc.numPages, encrypted: Boolean(info.EncryptFilterName), javascript };
    } catch (err) {
      const name = (err as { name?: string } | null)?.name;
      if (name === 'PasswordException') return { ok: false, reason: 'encrypted' };
      if (name === 'InvalidPDFException' || name === 'FormatError' || name === 'UnknownErrorException') {
        return { ok: false, reason: 'truncated' };
      }
      return { ok: false, reason: 'unreadable' };
    }
  })();
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    void task.destroy().catch(() => undefined);
  }
}
