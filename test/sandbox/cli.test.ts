// The command line: `npm run sandbox -- --port P --data-dir D ...` prints exactly one JSON line to
// stdout once listening, everything else to stderr, and closes cleanly on SIGTERM.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { request, tempDir } from './helpers';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsxCli = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

describe('sandbox CLI', () => {
  it('prints one JSON line when listening, serves the data dir\'s certificates, and exits 0 on SIGTERM', async () => {
    const dir = tempDir('cli');
    const child = spawn(process.execPath, [tsxCli, 'sandbox/cli.ts', '--port', '0', '--data-dir', dir, '--citizens', '300', '--seed', '4', '--today', '2026-05-04', '--rate-503', '0'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no JSON line; stderr: ${stderr}`)), 40_000);
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString('utf8');
          const nl = stdout.indexOf('\n');
          if (nl >= 0) {
            clearTimeout(timer);
            resolve(stdout.slice(0, nl));
          }
        });
        child.on('exit', (code) => reject(new Error(`exited early with ${code}; stderr: ${stderr}`)));
      });
      const info = JSON.parse(line) as { url: string; dataDir: string };
      expect(Object.keys(info)).toEqual(['url', 'dataDir']);
      expect(info.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(info.dataDir).toBe(dir);
      expect(stderr).toContain('passphrase');

      const read = (f: string) => fs.readFileSync(path.join(dir, 'certs', f), 'utf8');
      const handle = { url: info.url, port: Number(info.url.split(':')[2]), dataDir: dir, certs: { caPem: read('ca.pem'), passphrase: '', orgs: {}, caseworkers: [] }, close: async () => {} };
      const r = await request(handle, { cert: read('admin.crt.pem'), key: read('admin.key.pem'), ca: read('ca.pem') }, 'GET', '/_sandbox/sample');
      expect(r.status).toBe(200);
      expect(r.json<{ citizens: number; seed: number }>()).toMatchObject({ citizens: 300, seed: 4 });

      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(stdout.trim().split('\n')).toHaveLength(1);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses an unknown flag with exit code 2', async () => {
    const child = spawn(process.execPath, [tsxCli, 'sandbox/cli.ts', '--colour', 'blue'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('unknown flag --colour');
  }, 30_000);
});
