// The PDF analysis worker (node:worker_threads): started by pdf.ts once per PDF with a copy of its
// bytes, it loads pdf.js, says 'ready', runs analysePdf and posts the result. It never decides
// anything about time: pdf.ts terminates it at the deadline, which stops even a pdf.js that spins.
//
// Three ways it is loaded: from the sources by Node itself (vitest, tsx; type stripping: erasable
// TypeScript only, relative imports with their real extension), as out/main/pdfWorker.js next to
// out/main/index.js (electron-vite, a second rollup input), and from the asar in the packaged app.

import { parentPort, workerData } from 'node:worker_threads';
import { analysePdf, loadPdfJs, type PdfWorkerInput, type PdfWorkerMessage } from './pdfAnalysis.ts';

const port = parentPort;
if (!port) throw new Error('pdfWorker runs only as a worker thread');
const { bytes } = workerData as PdfWorkerInput;

// A failure to load pdf.js is an error before 'ready': pdf.ts then analyses on its own thread.
const pdfjs = await loadPdfJs();
const ready: PdfWorkerMessage = { type: 'ready' };
port.postMessage(ready);

const done: PdfWorkerMessage = { type: 'result', result: await analysePdf(pdfjs, bytes, null) };
port.postMessage(done);
