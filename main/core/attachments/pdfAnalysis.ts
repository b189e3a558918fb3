// The pdf.js reading of a PDF (page count, JavaScript actions, encryption), written once and used by
// both the analysis workers (pdfWorker.ts) and, when no worker can be started, the main thread (pdf.ts).
//
// This file is loaded by Node directly inside the worker when the app runs from the TypeScript
// sources (vitest, tsx): it must stay erasable TypeScript (no enums, namespaces or parameter
// properties) and import nothing relative except types.

import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';

export type PdfJsResult =
  | { ok: true; pageCount: number; encrypted: boolean; javascript: boolean }
  | { ok: false; reason: 'encrypted' | 'truncated' | 'unreadable' };

/** One job for the worker (../workers/serve.ts); the bytes are a copy, transferred. */
export interface PdfWorkerInput {
  bytes: Uint8Array;
}

export const UNREADABLE: PdfJsResult = { ok: false, reason: 'unreadable' };

export type PdfJsModule = typeof PdfJs;
let pdfjsPromise: Promise<PdfJsModule> | null = null;

/** pdf.js, legacy build (the one meant for Node), loaded once per thread. */
export function loadPdfJs(): Promise<PdfJsModule> {
  return (pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs'));
}

/** A message from the worker is one of ours, with a well-formed result. */
export function isPdfJsResult(v: unknown): v is PdfJsResult {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  if (r.ok === true) return Number.isInteger(r.pageCount) && (r.pageCount as number) >= 0 && typeof r.encrypted === 'boolean' && typeof r.javascript === 'boolean';
  return r.ok === false && (r.reason === 'encrypted' || r.reason === 'truncated' || r.reason === 'unreadable');
}

/**
 * Opens the PDF with pdf.js and reads the page count, JavaScript actions (document, catalog and page
 * level, and the actions pdf.js reports on annotations) and whether it is encrypted. With a `deadline` (ms since the epoch) it gives up
 * at that time, but only softly: pdf.js runs on the calling thread, so the deadline is checked by a
 * timer and between steps. The worker passes null, as its caller terminates it at the deadline.
 */
export async function analysePdf(pdfjs: PdfJsModule, bytes: Uint8Array, deadline: number | null): Promise<PdfJsResult> {
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
    return UNREADABLE;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout =
    deadline === null
      ? null
      : new Promise<PdfJsResult>((resolve) => {
          timer = setTimeout(() => resolve(UNREADABLE), Math.max(0, deadline - Date.now()));
        });
  // pdf.js in Node runs mostly through promise jobs, so the timer alone may not get a turn: the work
  // also checks the deadline between steps.
  const late = () => deadline !== null && Date.now() >= deadline;
  const work = (async (): Promise<PdfJsResult> => {
    try {
      const doc = await task.promise;
      if (late()) return UNREADABLE;
      const info = (await doc.getMetadata()).info as { EncryptFilterName?: string | null };
      let javascript = (await doc.getJSActions()) !== null;
      for (let p = 1; p <= doc.numPages && !javascript; p++) {
        if (late()) return UNREADABLE;
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
      return UNREADABLE;
    }
  })();
  try {
    return await (timeout ? Promise.race([work, timeout]) : work);
  } finally {
    clearTimeout(timer);
    void task.destroy().catch(() => undefined);
  }
}
