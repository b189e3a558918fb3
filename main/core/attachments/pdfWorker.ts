// The PDF analysis worker (node:worker_threads), one of the pool pdf.ts keeps (../workers/pool.ts):
// it loads pdf.js once, says 'ready', then reads one PDF per job (a copy of its bytes, transferred)
// with analysePdf and answers the result, for as many PDFs as the pool sends it. It never decides
// anything about time: the pool terminates it at a PDF's deadline, which stops even a pdf.js that spins.
//
// Three ways it is loaded: from the sources by Node itself (vitest, tsx; type stripping: erasable
// TypeScript only, relative imports with their real extension), as out/main/pdfWorker.js next to
// out/main/index.js (electron-vite, a second rollup input), and from the asar in the packaged app.

import { serveJobs } from '../workers/serve.ts';
import { analysePdf, loadPdfJs, type PdfWorkerInput } from './pdfAnalysis.ts';

// A failure to load pdf.js is an error before 'ready': pdf.ts then analyses on its own thread.
const pdfjs = await loadPdfJs();
serveJobs((input) => analysePdf(pdfjs, (input as PdfWorkerInput).bytes, null));
