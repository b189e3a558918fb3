// `npm run hub -- --port P --data-dir D [--database-url URL] (--sandbox-certs DIR --org ID | --org-p12 F
//  --dfdg-ca F --tls-cert F --tls-key F --client-ca F) --dfdg-url URL [--host H] [--interval-ms N]
//  [--retention-hours N] [--no-intake]`
// Prints exactly one JSON line to stdout once listening: {"url":"https://127.0.0.1:P","dataDir":"D","org":"…"}.
// Everything else goes to stderr. SIGINT/SIGTERM close cleanly. DATABASE_URL and HUB_ORG_PASSPHRASE
// are read from the environment when the flags are absent.

import fs from 'node:fs';
import path from 'node:path';
import { startHub, type HubOptions } from './server';

interface Args {
  port: number;
  host?: string;
  dataDir: string;
  databaseUrl?: string;
  dfdgUrl?: string;
  sandboxCerts?: string;
  org?: string;
  orgP12?: string;
  orgPassphraseFile?: string;
  dfdgCa?: string;
  tlsCert?: string;
  tlsKey?: string;
  clientCa?: string;
  intervalMs?: number;
  retentionHours?: number;
  intake: boolean;
}

const USAGE = `Usage: npm run hub -- --port 8444 --data-dir .hub-data --dfdg-url https://127.0.0.1:8443
         (--sandbox-certs .sandbox-data/certs --org jobcenter-10100
          | --org-p12 org.p12 [--org-passphrase-file F] --dfdg-ca dfdg-ca.pem --tls-cert hub.crt.pem --tls-key hub.key.pem --client-ca caseworkers-ca.pem)
         [--database-url postgres://…] [--host 0.0.0.0] [--interval-ms 30000] [--retention-hours 168] [--no-intake]
`;

function parseArgs(argv: string[]): Args {
  const a: Args = { port: 8444, dataDir: '.hub-data', intake: true };
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || v.trim() === '' || !Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    const text = (): string => {
      const v = value();
      if (!v) throw new Error(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--port':
        a.port = num(name, value());
        break;
      case '--host':
        a.host = text();
        break;
      case '--data-dir':
        a.dataDir = text();
        break;
      case '--database-url':
        a.databaseUrl = text();
        break;
      case '--dfdg-url':
        a.dfdgUrl = text();
        break;
      case '--sandbox-certs':
        a.sandboxCerts = text();
        break;
      case '--org':
        a.org = text();
        break;
      case '--org-p12':
        a.orgP12 = text();
        break;
      case '--org-passphrase-file':
        a.orgPassphraseFile = text();
        break;
      case '--dfdg-ca':
        a.dfdgCa = text();
        break;
      case '--tls-cert':
        a.tlsCert = text();
        break;
      case '--tls-key':
        a.tlsKey = text();
        break;
      case '--client-ca':
        a.clientCa = text();
        break;
      case '--interval-ms':
        a.intervalMs = num(name, value());
        break;
      case '--retention-hours':
        a.retentionHours = num(name, value());
        break;
      case '--no-intake':
        a.intake = false;
        break;
      case '--help':
      case '-h':
        process.stderr.write(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown flag ${flag}`);
    }
  }
  return a;
}

/** The options from the flags: the sandbox's certificate folder fills every certificate at once. */
function optionsFrom(a: Args, env: NodeJS.ProcessEnv = process.env): HubOptions {
  const read = (f: string) => fs.readFileSync(f, 'utf8');
  if (!a.dfdgUrl) throw new Error('--dfdg-url is required (the DFDG the hub pulls notifications from)');
  let orgP12 = a.orgP12;
  let passphrase = a.orgPassphraseFile ? read(a.orgPassphraseFile).trim() : env.HUB_ORG_PASSPHRASE;
  let dfdgCa = a.dfdgCa;
  let tlsCert = a.tlsCert;
  let tlsKey = a.tlsKey;
  let clientCa = a.clientCa;
  if (a.sandboxCerts) {
    if (!a.org) throw new Error('--sandbox-certs needs --org (e.g. jobcenter-10100)');
    const d = a.sandboxCerts;
    orgP12 ??= path.join(d, `${a.org}.p12`);
    passphrase ??= read(path.join(d, 'passphrase.txt')).trim();
    dfdgCa ??= path.join(d, 'ca.pem');
    tlsCert ??= path.join(d, 'server.crt.pem');
    tlsKey ??= path.join(d, 'server.key.pem');
    clientCa ??= path.join(d, 'ca.pem');
  }
  const missing = Object.entries({ '--org-p12': orgP12, '--tls-cert': tlsCert, '--tls-key': tlsKey, '--client-ca': clientCa })
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length) throw new Error(`missing ${missing.join(', ')} (or --sandbox-certs DIR --org ID)`);
  if (passphrase === undefined) throw new Error('the passphrase of --org-p12: --org-passphrase-file F or HUB_ORG_PASSPHRASE');
  const databaseUrl = a.databaseUrl ?? env.DATABASE_URL;
  return {
    port: a.port,
    ...(a.host ? { host: a.host } : {}),
    dataDir: a.dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    tls: { certPem: read(tlsCert!), keyPem: read(tlsKey!), clientCaPem: read(clientCa!) },
    dfdg: { baseUrl: a.dfdgUrl, tls: { kind: 'pkcs12', pfx: fs.readFileSync(orgP12!), passphrase, ...(dfdgCa ? { ca: read(dfdgCa) } : {}) } },
    ...(a.intervalMs !== undefined ? { intervalMs: a.intervalMs } : {}),
    ...(a.retentionHours !== undefined ? { changesRetentionMs: a.retentionHours * 3_600_000 } : {}),
    intake: a.intake,
    log: (line) => process.stderr.write(`hub: ${line}\n`),
  };
}

async function main(): Promise<void> {
  let opts: HubOptions;
  try {
    opts = optionsFrom(parseArgs(process.argv.slice(2)));
  } catch (e) {
    process.stderr.write(`hub: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    process.exit(2);
  }
  const started = Date.now();
  const hub = await startHub(opts);
  process.stderr.write(`hub: ${hub.org.name} (${hub.org.id}), ${hub.embedded ? 'embedded PostgreSQL' : 'database from the URL'}, replica ${hub.replica}, listening after ${Date.now() - started} ms\n`);
  process.stdout.write(JSON.stringify({ url: hub.url, dataDir: opts.dataDir, org: hub.org.id }) + '\n');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`hub: ${signal}, closing\n`);
    void hub.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`hub: failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
