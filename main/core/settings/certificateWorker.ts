// The certificate worker (node:worker_threads): checks one PKCS#12 bundle per job with node-forge and
// OpenSSL (certificate.ts checkPkcs12), so that a file that makes them work for long can never hold
// up the main process; certificateImport.ts starts it for an import and ends it after.
//
// Loaded from the sources by Node itself (type stripping: erasable TypeScript only, relative imports
// with their real extension), as out/main/certificateWorker.js next to out/main/index.js (electron-vite,
// a rollup input), and from the asar in the packaged app.

import { serveJobs } from '../workers/serve.ts';
import { checkPkcs12, type Pkcs12CheckInput } from './certificate.ts';

serveJobs((input) => checkPkcs12(input as Pkcs12CheckInput));
