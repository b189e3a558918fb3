// The sandbox in its own process (as `npm run sandbox` runs it), so the drain benchmark measures the
// client, not a server sharing its event loop.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCerts } from '../../sandbox/certs';
import type { SandboxHandle } from '../contract/helpers';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function startSandboxProcess(opts: { citizens?: number; seed?: number } = {}): Promise<SandboxHandle & { child: ChildProcess }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfdg-bench-sandbox-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO, 'sandbox/cli.ts'), '--port', '0', '--data-dir', dataDir, '--citizens', String(opts.citizens ?? 500), '--seed', String(opts.seed ?? 1)],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    let err = '';
    const t = setTimeout(() => reject(new Error(`sandbox did not start: ${err.slice(0, 500)}`)), 60_000);
    child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.stdout!.on('data', (c: Buffer) => {
      buf += c.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(t);
        resolve((JSON.parse(buf.slice(0, nl)) as { url: string }).url);
      }
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${err.slice(0, 500)}`)));
  });
  const { certs } = ensureCerts(dataDir);
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    certs,
    child,
    close: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  } as SandboxHandle & { child: ChildProcess };
}
