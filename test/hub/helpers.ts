// Helpers for the hub's tests: an embedded PostgreSQL per test file (in a temp dir), the DFDG
// sandbox, hubs in-process or as child processes (so a test can SIGKILL one), an HTTPS client that
// speaks as a caseworker (their sandbox-issued certificate), and an SSE reader.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../hub/db/embedded';
import { startHub, type HubHandle, type HubOptions } from '../../hub/server';
import { DESKTOP_ID_HEADER } from '../../shared/hubApi';
import type { SandboxHandle } from '../../sandbox/server';
import { startTestSandbox, type TestSandbox } from '../sandbox/helpers';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A temp dir PostgreSQL can reach when the tests run as root (it then runs as the user postgres). */
export function tempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dfdg-hub-${label}-`));
  fs.chmodSync(dir, 0o711);
  return dir;
}

export interface TestDatabase extends EmbeddedDatabase {
  dir: string;
  /** A plain client for checks behind the hub's back. */
  sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function startTestDatabase(): Promise<TestDatabase> {
  const dir = tempDir('pg');
  const db = await startEmbeddedPostgres(dir);
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  pool.on('error', () => {});
  return {
    ...db,
    dir,
    async sql(text, params) {
      return (await pool.query(text, params)).rows;
    },
    async close() {
      await pool.end().catch(() => undefined);
      await db.stop().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const ORG = 'jobcenter-10100';

/** The hub's options for an organisation of the sandbox (its system certificate, the sandbox CA for caseworkers). */
export function hubOptions(sb: SandboxHandle, databaseUrl: string, extra: Partial<HubOptions> = {}): HubOptions {
  const certsDir = path.join(sb.dataDir, 'certs');
  const read = (f: string) => fs.readFileSync(path.join(certsDir, f), 'utf8');
  const o = sb.certs.orgs[ORG]!;
  return {
    port: 0,
    dataDir: tempDir('hubdata'),
    databaseUrl,
    tls: { certPem: read('server.crt.pem'), keyPem: read('server.key.pem'), clientCaPem: sb.certs.caPem },
    dfdg: { baseUrl: sb.url, tls: { kind: 'pkcs12', pfx: o.p12, passphrase: sb.certs.passphrase, ca: sb.certs.caPem } },
    intervalMs: 200,
    ...extra,
  };
}

export async function startTestHub(sb: SandboxHandle, databaseUrl: string, extra: Partial<HubOptions> = {}): Promise<HubHandle> {
  return startHub(hubOptions(sb, databaseUrl, extra));
}

/** A hub replica in its own process (`npm run hub`), so a test can kill -9 it. */
export interface HubProcess {
  url: string;
  child: ChildProcess;
  stderr(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function spawnHub(sb: SandboxHandle, databaseUrl: string, args: string[] = []): Promise<HubProcess> {
  const dataDir = tempDir('hubproc');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO, 'hub/cli.ts'), '--port', '0', '--data-dir', dataDir, '--database-url', databaseUrl, '--dfdg-url', sb.url, '--sandbox-certs', path.join(sb.dataDir, 'certs'), '--org', ORG, ...args],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => reject(new Error(`hub did not start: ${err.slice(-800)}`)), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      buf += c.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(t);
        resolve((JSON.parse(buf.slice(0, nl)) as { url: string }).url);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`hub exited with ${code}: ${err.slice(-800)}`));
    });
  });
  return {
    url,
    child,
    stderr: () => err,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Speaking to the hub as a caseworker

export interface HubResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  text: string;
}

export interface Caseworker {
  id: string;
  name: string;
  call<T = unknown>(method: string, urlPath: string, body?: unknown, opts?: { headers?: Record<string, string>; raw?: string | Buffer; desktop?: string | null }): Promise<HubResponse<T>>;
  agent: https.Agent;
}

/** A caseworker of the sandbox (e.g. 'jobcenter-10100-1') calling the hub at `url`. */
export function caseworker(sb: SandboxHandle, id: string, url: string, opts: { maxSockets?: number } = {}): Caseworker {
  const c = sb.certs.caseworkers.find((x) => x.id === id);
  if (!c) throw new Error(`no caseworker certificate ${id}`);
  const agent = new https.Agent({ ca: sb.certs.caPem, cert: c.certPem, key: c.keyPem, keepAlive: true, maxSockets: opts.maxSockets ?? 8 });
  return { id: c.rid, name: c.name, agent, call: (method, p, body, o) => request(agent, url, method, p, body, { desktop: `desktop-${id}`, ...o }) };
}

export function request<T>(
  agent: https.Agent,
  base: string,
  method: string,
  urlPath: string,
  body?: unknown,
  o: { headers?: Record<string, string>; raw?: string | Buffer; desktop?: string | null } = {},
): Promise<HubResponse<T>> {
  const payload = o.raw !== undefined ? o.raw : body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string | number> = { ...(o.desktop ? { [DESKTOP_ID_HEADER]: o.desktop } : {}) };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(payload);
  }
  Object.assign(headers, o.headers ?? {});
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(urlPath, base), { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed as T, text });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

// ---------------------------------------------------------------------------------------------
// The change feed

export interface SseEvent {
  id: string | null;
  event: string;
  data: unknown;
}

export interface FeedReader {
  events: SseEvent[];
  /** Resolves when `pred` holds for the events so far (checked on every event). */
  until(pred: (events: SseEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

export function readFeed(agent: https.Agent, base: string, lastEventId: string | null): Promise<FeedReader> {
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    const waiters = new Set<() => void>();
    const req = https.request(new URL('/v1/changes', base), { agent, headers: lastEventId !== null ? { 'last-event-id': lastEventId } : {} }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`feed answered ${res.statusCode}`));
        return;
      }
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let sep: number;
        while ((sep = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, sep);
          buf = buf.slice(sep + 2);
          const ev: SseEvent = { id: null, event: 'message', data: null };
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const i = line.indexOf(':');
            const k = i < 0 ? line : line.slice(0, i);
            const v = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
            if (k === 'id') ev.id = v;
            else if (k === 'event') ev.event = v;
            else if (k === 'data') data += v;
          }
          if (!data && ev.event === 'message') continue;
          ev.data = data ? JSON.parse(data) : null;
          events.push(ev);
          for (const w of [...waiters]) w();
        }
      });
      resolve({
        events,
        until(pred, timeoutMs = 15_000) {
          return new Promise<void>((ok, fail) => {
            const check = () => {
              if (pred(events)) {
                waiters.delete(check);
                clearTimeout(t);
                ok();
              }
            };
            const t = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`feed: condition not met within ${timeoutMs} ms (${events.length} events)`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        close() {
          req.destroy();
        },
      });
    });
    req.on('error', (e) => reject(e));
    req.end();
  });
}

/** The sandbox for hub tests (in-process), with caseworker certificates. */
export async function startHubSandbox(): Promise<TestSandbox> {
  const t = await startTestSandbox();
  if (t.sb.certs.caseworkers.length === 0) throw new Error('the sandbox certificate cache has no caseworker certificates');
  return t;
}

/** Polls `fn` until it returns a truthy value (or throws after `timeoutMs`). */
export async function eventually<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, stepMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/**
 * Puts `n` open advisories of `kind` straight into the database (with their notifications), created
 * over the last 10 days, due from 10 days ago to 20 days ahead, a share without a due date.
 */
export async function seedAdvisories(db: TestDatabase, n: number, kind: string, noDueShare = 0.2): Promise<void> {
  await db.sql(
    `WITH n AS (
       INSERT INTO notifications (org, message_identifier, method, cpr, state, sequence_id, received_by)
       SELECT $1, gen_random_uuid()::text, 'GetCitizenMessageVersion1', lpad((1000000000 + g)::text, 10, '0'), 'stored', 'seed', 'test'
       FROM generate_series(1, $2::int) g
       RETURNING id, message_identifier, cpr
     )
     INSERT INTO advisories (id, org, notification_id, kind, cpr, title, created_at, due_date, source_message_identifier)
     SELECT gen_random_uuid(), $1, n.id, $3, n.cpr, 'Seeded', now() - random() * interval '10 days',
            CASE WHEN random() < $4 THEN NULL ELSE current_date + (floor(random() * 30)::int - 10) END, n.message_identifier
     FROM n`,
    [ORG, n, kind, noDueShare],
  );
}
