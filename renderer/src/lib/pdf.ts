// pdf.js, loaded only when a caseworker opens a preview (PdfPreview imports this module dynamically,
// so pdf.js stays out of the initial bundle). The worker is a bundled asset served from 'self' (the
// CSP allows nothing else). Rendering goes to a canvas only: no text layer, no annotation layer, no
// forms or scripts; XFA off; fonts are not fetched from anywhere.
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

export interface OpenPdf {
  pageCount: number;
  render(pageNumber: number, canvas: HTMLCanvasElement, cssWidth: number): Promise<void>;
  close(): Promise<void>;
}

export async function openPdf(bytes: Uint8Array): Promise<OpenPdf> {
  // pdf.js 6 has no eval code path at all (the option is gone); we still say it, so a downgrade to a
  // version that has one (CVE-2024-4367) keeps it off.
  const params: DocumentInitParameters & { isEvalSupported: false } = {
    // pdf.js takes ownership of the buffer (it is transferred to the worker): give it a copy.
    data: bytes.slice(),
    isEvalSupported: false,
    enableXfa: false,
    disableFontFace: false,
    useSystemFonts: true,
    stopAtErrors: false,
  };
  const task = getDocument(params);
  const doc: PDFDocumentProxy = await task.promise;
  return {
    pageCount: doc.numPages,
    async render(pageNumber, canvas, cssWidth) {
      const page = await doc.getPage(pageNumber);
      const base = page.getViewport({ scale: 1 });
      const scale = cssWidth / base.width;
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: scale * ratio });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
      canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
      await page.render({ canvas, viewport }).promise;
    },
    close: () => task.destroy(),
  };
}
