// `npm run sandbox -- --port 8443 --data-dir .sandbox-data [--citizens N] [--seed S] [--today D]
//  [--latency-ms N] [--jitter-ms N] [--rate-503 R] [--rate-reset R] [--rate-drop R] [--fault-seed S]
//  [--webhook-url URL]`
// Prints exactly one JSON line to stdout once listening: {"url":"https://127.0.0.1:P","dataDir":"D"}.
// Everything else goes to stderr. SIGINT/SIGTERM close cleanly.

import fs from 'node:fs';
import path from 'node:path';
import { startSandbox, type StartOptions } from './server';

function parseArgs(argv: string[]): StartOptions {
  const opts: StartOptions = { dataDir: '.sandbox-data', port: 8443 };
  const faults: NonNullable<StartOptions['faults']> = {};
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || v.trim() === '' || !Number.isFinite(n)) throw new Error(`${flag} needs a number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (name) {
      case '--port':
        opts.port = num(name, value());
        break;
      case '--data-dir': {
        const v = value();
        if (!v) throw new Error('--data-dir needs a path');
        opts.dataDir = v;
        break;
      }
      case '--citizens':
        opts.citizens = num(name, value());
        break;
      case '--seed':
        opts.seed = num(name, value());
        break;
      case '--today': {
        const v = value();
        if (!v) throw new Error('--today needs YYYY-MM-DD');
        opts.today = v;
        break;
      }
      case '--latency-ms':
        faults.latencyMs = num(name, value());
        break;
      case '--jitter-ms':
        faults.jitterMs = num(name, value());
        break;
      case '--rate-503':
        faults.rate503 = num(name, value());
        break;
      case '--rate-reset':
        faults.rateReset = num(name, value());
        break;
      case '--rate-drop':
        faults.rateDrop = num(name, value());
        break;
      case '--fault-seed':
        faults.seed = num(name, value());
        break;
      case '--webhook-url': {
        const v = value();
        if (!v) throw new Error('--webhook-url needs a URL');
        opts.webhookUrl = v;
        break;
      }
      case '--help':
      case '-h':
        process.stderr.write(
          'Usage: npm run sandbox -- [--port 8443] [--data-dir .sandbox-data] [--citizens 500] [--seed 1] [--today YYYY-MM-DD]\n' +
            '       [--latency-ms N] [--jitter-ms N] [--rate-503 R] [--rate-reset R] [--rate-drop R] [--fault-seed S] [--webhook-url URL]\n',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown flag ${flag}`);
    }
  }
  if (Object.keys(faults).length > 0) opts.faults = faults;
  return opts;
}

async function main(): Promise<void> {
  let opts: StartOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`sandbox: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  const firstStart = !fs.existsSync(path.join(opts.dataDir, 'certs', 'orgs.json'));
  const started = Date.now();
  const sb = await startSandbox(opts);
  if (firstStart) {
    process.stderr.write(
      `sandbox: created certificates in ${path.join(opts.dataDir, 'certs')}; PKCS#12 passphrase: ${sb.certs.passphrase} (also in certs/passphrase.txt)\n`,
    );
  }
  process.stderr.write(`sandbox: ${opts.citizens ?? 500} citizens, seed ${opts.seed ?? 1}, listening after ${Date.now() - started} ms\n`);
  process.stdout.write(JSON.stringify({ url: sb.url, dataDir: opts.dataDir }) + '\n');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`sandbox: ${signal}, closing\n`);
    void sb.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox: failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
