// startHub(): one hub replica. The database (an URL, or the embedded PostgreSQL in the data dir),
// its migrations, the change feed, the intake (the organisation's WSRM puller, one replica at a
// time) and the HTTPS API. Tests start it in-process: `const hub = await startHub({...})`.

import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createDfdgClients } from '../main/core/dfdg/index';
import { identityFromTls } from '../main/core/dfdg/identity';
import type { DfdgClients, TlsConfig } from '../main/core/dfdg/types';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded';
import { migrate } from './db/migrate';
import { createClient, createPool, isDatabaseUnavailable } from './db/pool';
import { Feed } from './feed';
import { buildApp, type HubOrganisation } from './http';
import { Intake, newReplicaId } from './intake';
import { Queue } from './queue';

export interface HubOptions {
  /** 0 = a free port. */
  port: number;
  /** Default 127.0.0.1; '0.0.0.0' behind a load balancer. */
  host?: string;
  /** The embedded PostgreSQL lives here when no databaseUrl is given. */
  dataDir: string;
  databaseUrl?: string;
  /** The hub's own server certificate, and the CA that issues the organisation's caseworker certificates. */
  tls: { certPem: string; keyPem: string; clientCaPem: string };
  /** DFDG: its base URL and the organisation's system certificate (which also names the organisation). */
  dfdg: { baseUrl: string; tls: TlsConfig; timeoutMs?: number };
  /** Pull interval (default 30 s). */
  intervalMs?: number;
  /** How long changes are kept for desktops to resume from (default 7 days). */
  changesRetentionMs?: number;
  /** Connections per replica (default 20). */
  poolSize?: number;
  /** false: never pull (a replica that only serves the API). Default true. */
  intake?: boolean;
  recommendationAnswerDays?: number;
  /** Lines for the operator (stderr in the CLI); never CPR numbers or message content. */
  log?: (line: string) => void;
  /** How long to wait for the database at start (default 30 s). */
  startTimeoutMs?: number;
  /** Test double for the DFDG clients. */
  clients?: DfdgClients;
}

export interface HubHandle {
  url: string;
  port: number;
  org: HubOrganisation;
  databaseUrl: string;
  replica: string;
  /** The embedded PostgreSQL (null with a database URL). */
  embedded: EmbeddedDatabase | null;
  intake: Intake | null;
  feed: Feed;
  queue: Queue;
  close(): Promise<void>;
}

async function waitForDatabase(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const c = createClient(url, 'migrate');
    try {
      await c.connect();
      await migrate(c);
      await c.end();
      return;
    } catch (e) {
      await c.end().catch(() => undefined);
      if (!isDatabaseUnavailable(e) || Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

export async function startHub(o: HubOptions): Promise<HubHandle> {
  const log = o.log ?? (() => {});
  const replicaId = newReplicaId();
  const identity = identityFromTls(o.dfdg.tls);
  const org: HubOrganisation = {
    id: `${identity.organisation.type}-${identity.organisation.code}`,
    type: identity.organisation.type,
    code: identity.organisation.code,
    name: identity.organisation.name,
  };
  fs.mkdirSync(o.dataDir, { recursive: true });
  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = o.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(o.dataDir);
    databaseUrl = embedded.url;
  }
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    if (embedded) closers.push(() => embedded.stop());
    await waitForDatabase(databaseUrl, o.startTimeoutMs ?? 30_000);
    const pool = createPool(databaseUrl, o.poolSize ?? 20);
    closers.push(() => pool.end());
    const feed = new Feed({ pool, databaseUrl, org: org.id, log });
    await feed.start();
    closers.push(() => feed.close());
    const queue = new Queue(pool, org.id, () => feed.changed());
    let intake: Intake | null = null;
    if (o.intake !== false) {
      const clients = o.clients ?? createDfdgClients({ baseUrl: o.dfdg.baseUrl, tls: o.dfdg.tls, ...(o.dfdg.timeoutMs ? { timeoutMs: o.dfdg.timeoutMs } : {}) });
      if (!o.clients) closers.push(async () => clients.close());
      const retention = o.changesRetentionMs ?? 7 * 86_400_000;
      intake = new Intake({
        databaseUrl,
        replica: replicaId,
        org: org.id,
        identity,
        clients,
        intervalMs: o.intervalMs ?? 30_000,
        ...(o.recommendationAnswerDays !== undefined ? { recommendationAnswerDays: o.recommendationAnswerDays } : {}),
        onStored: () => feed.changed(),
        onLeaderTick: async () => {
          await feed.prune(retention);
        },
        log,
      });
      intake.start();
      closers.push(() => intake!.stop());
    }
    const app = buildApp({ org, queue, feed, intake, https: { key: o.tls.keyPem, cert: o.tls.certPem, ca: o.tls.clientCaPem }, replica: replicaId });
    await app.listen({ port: o.port, host: o.host ?? '127.0.0.1' });
    closers.push(() => app.close());
    const port = (app.server.address() as AddressInfo).port;
    const host = o.host && o.host !== '0.0.0.0' && o.host !== '::' ? o.host : '127.0.0.1';
    return {
      url: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      org,
      databaseUrl,
      replica: replicaId,
      embedded,
      intake,
      feed,
      queue,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
