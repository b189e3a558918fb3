// The crash test's child: opens the store of a real core and drains its outbox against the sandbox,
// while "typing" into drafts. The parent SIGKILLs it at random moments and starts it again.
// Run: node --import tsx test/core/sync/crash-child.ts <config.json>
// stdout protocol (one line each): DRAFTSTATE <id> <version> | INTERRUPTED <n> | READY | DRAFT <id> <version> | DRAINED

import { readFileSync } from 'node:fs';
import { createCore } from '../../../main/core/app';
import { identityFromTls } from '../../../main/core/dfdg';
import type { DfdgConfig } from '../../../main/core/dfdg/types';

export interface CrashChildConfig {
  dataDir: string;
  keyHex: string;
  dfdg: DfdgConfig & { tls: { kind: 'pem'; ca: string; cert: string; key: string } };
  /** Draft ids to keep editing (each save bumps "v<N>" in the body). */
  draftIds: string[];
  typingIntervalMs: number;
}

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const cfg = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as CrashChildConfig;
  const identity = identityFromTls(cfg.dfdg.tls);
  const core = await createCore({
    dataDir: cfg.dataDir,
    dbKey: Buffer.from(cfg.keyHex, 'hex'),
    settings: null,
    dfdg: cfg.dfdg,
    identity,
    mode: 'sandbox',
    retention: false,
    pollIntervalMs: 3_600_000,
    drainConcurrency: 4,
    engine: { baseDelayMs: 20, maxDelayMs: 500, maxAttempts: 1000, settleMs: 50, probeMs: 50, probeMaxMs: 500 },
  });
  const version = (body: string) => Number(/v(\d+)$/.exec(body)?.[1] ?? 0);
  for (const id of cfg.draftIds) {
    const d = core.store.drafts.get(id);
    out(`DRAFTSTATE ${id} ${d ? version(d.body) : -1}`);
  }
  const interrupted = Number(core.store.db.prepare("SELECT count(*) FROM outbox WHERE state = 'sending'").pluck().get());
  out(`INTERRUPTED ${interrupted}`);
  core.start();
  out('READY');

  let i = 0;
  const typing = setInterval(() => {
    const id = cfg.draftIds[i++ % cfg.draftIds.length];
    if (!id) return;
    const d = core.store.drafts.get(id);
    if (!d) return;
    const next = version(d.body) + 1;
    void core.handlers['drafts.save']({ id, patch: { body: `Kladde under skrivning v${next}` } }).then(() => out(`DRAFT ${id} ${next}`));
  }, cfg.typingIntervalMs);

  await core.engine.whenDrained(600_000);
  clearInterval(typing);
  out('DRAINED');
  await core.stop();
  process.exit(0);
}

main().catch((e: unknown) => {
  process.stderr.write(`crash-child failed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}\n`);
  process.exit(1);
});
