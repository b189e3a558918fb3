// `npm start` chooses: the Electron app when its binary is present or can be fetched, otherwise one
// paragraph and browser mode; proven with stand-ins for the electron package (never by deleting
// node_modules), and end to end: the launcher without a binary serves the app, the page loads and the
// socket answers app.info through the real core against the bundled sandbox.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reachableDataDir } from '../../hub/sandboxHub';
import { decide, electronDownloadUrl, electronStatus, fallbackParagraph, probe, type DecideDeps } from '../../main/web/start';
import { createWire, webBase64 } from '../../shared/wire';
import { connect, hello, keyOf } from './helpers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfdg-start-'));
});
afterEach(() => {
  // As root the sandbox hub's PostgreSQL (run as the user postgres) cannot enter the data directory:
  // its data went to a folder of their own under the temp dir (hub/sandboxHub.ts).
  if (process.getuid?.() === 0) rmSync(reachableDataDir(join(dir, 'data', 'hub', 'akasse-067')), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

/** A stand-in for node_modules/electron: its package.json and install.js, and the binary only when asked. */
function electronStandIn(opts: { binary?: boolean; installCreatesBinary?: boolean } = {}): string {
  const pkg = join(dir, 'electron');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
  const install = opts.installCreatesBinary
    ? `const fs=require('fs'),p=require('path');fs.mkdirSync(p.join(__dirname,'dist'),{recursive:true});fs.writeFileSync(p.join(__dirname,'dist','electron'),'');fs.writeFileSync(p.join(__dirname,'path.txt'),'electron');`
    : `process.exit(1)`;
  writeFileSync(join(pkg, 'install.js'), install);
  if (opts.binary) {
    mkdirSync(join(pkg, 'dist'));
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    writeFileSync(join(pkg, 'path.txt'), 'electron');
  }
  return pkg;
}

const deps = (packageDir: string, over: Partial<DecideDeps> = {}): DecideDeps => ({
  packageDir,
  env: { DISPLAY: ':0' },
  platform: 'linux',
  web: false,
  probe: async () => 'github.com cannot be reached (ENOTFOUND)',
  install: () => false,
  ...over,
});

describe('npm start: Electron or browser mode', () => {
  it('runs Electron when its binary is present, without asking the network', async () => {
    const pkg = electronStandIn({ binary: true });
    let probed = 0;
    expect(await decide(deps(pkg, { probe: async () => (probed++, null) }))).toEqual({ run: 'electron', binary: join(pkg, 'dist', 'electron') });
    expect(probed).toBe(0);
  });

  it('falls back to browser mode with the reason when the binary is missing and cannot be fetched', async () => {
    const pkg = electronStandIn();
    let installed = 0;
    const d = await decide(deps(pkg, { install: () => (installed++, true) }));
    expect(d).toEqual({ run: 'web', why: "Electron's desktop runtime is not installed here and cannot be downloaded: github.com cannot be reached (ENOTFOUND)" });
    expect(installed).toBe(0);
    const text = fallbackParagraph(d.run === 'web' ? d.why! : '');
    expect(text).toMatch(/^Electron's desktop runtime is not installed here and cannot be downloaded: github\.com cannot be reached \(ENOTFOUND\)\./);
    expect(text).toContain('Nothing is wrong with DFDG Desk');
    expect(text).toContain('npx install-electron');
    expect(text.split('\n').length).toBeLessThanOrEqual(6);
  });

  it('fetches the binary when the download place answers, then runs Electron; a failed download falls back', async () => {
    const pkg = electronStandIn({ installCreatesBinary: true });
    const fetched = await decide(deps(pkg, { probe: async () => null, install: (script) => spawnSyncOk(script) }));
    expect(fetched).toEqual({ run: 'electron', binary: join(pkg, 'dist', 'electron') });
    const broken = electronStandIn();
    rmSync(join(broken, 'dist'), { recursive: true, force: true });
    rmSync(join(broken, 'path.txt'), { force: true });
    expect(await decide(deps(broken, { probe: async () => null, install: () => false }))).toEqual({ run: 'web', why: "Electron's desktop runtime is not installed here and its download failed" });
  });

  it('browser mode on purpose (start:web), and without a display', async () => {
    const pkg = electronStandIn({ binary: true });
    expect(await decide(deps(pkg, { web: true }))).toEqual({ run: 'web', why: null });
    expect(await decide(deps(pkg, { env: {} }))).toEqual({ run: 'web', why: "Electron's desktop runtime is installed, but no display was found to show its window on" });
  });

  it('looks for the binary where the electron package does, and probes where @electron/get would download', async () => {
    const pkg = electronStandIn();
    expect(electronStatus(pkg, {}, 'linux')).toMatchObject({ kind: 'missing', version: '45.4.1' });
    const override = join(dir, 'override');
    mkdirSync(override);
    expect(electronStatus(pkg, { ELECTRON_OVERRIDE_DIST_PATH: override }, 'linux')).toMatchObject({ kind: 'missing' });
    writeFileSync(join(override, 'electron'), '');
    expect(electronStatus(pkg, { ELECTRON_OVERRIDE_DIST_PATH: override }, 'linux')).toEqual({ kind: 'present', binary: join(override, 'electron') });
    expect(electronDownloadUrl('45.4.1', {}, 'linux', 'x64')).toBe('https://github.com/electron/electron/releases/download/v45.4.1/electron-v45.4.1-linux-x64.zip');
    expect(electronDownloadUrl('45.4.1', { ELECTRON_MIRROR: 'https://mirror.example/electron' }, 'win32', 'arm64')).toBe('https://mirror.example/electron/v45.4.1/electron-v45.4.1-win32-arm64.zip');
    const port = await closedPort();
    expect(await probe(`http://127.0.0.1:${port}/x.zip`, 2_000)).toMatch(/^127\.0\.0\.1:\d+ cannot be reached \(ECONNREFUSED\)$/);
  });
});

function spawnSyncOk(script: string): boolean {
  return spawnSync(process.execPath, [script]).status === 0;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function groupStillAliveAfter(pgid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (groupAlive(pgid)) {
    if (Date.now() > until) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const built = existsSync(join('out', 'main', 'web.js')) && existsSync(join('out', 'renderer', 'browser-bridge.js'));

describe.skipIf(!built)('npm start without the Electron binary, end to end', () => {
  it('prints the paragraph and the address; the page loads, the socket answers app.info, the sandbox’s hub comes up and the core connects; Ctrl+C stops it', async () => {
    const pkg = electronStandIn();
    const dataDir = join(dir, 'data');
    const port = await closedPort();
    const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: ':99', ELECTRON_MIRROR: `http://127.0.0.1:${port}/` };
    delete env.WAYLAND_DISPLAY;
    const child = spawn(process.execPath, [join('node_modules', 'tsx', 'dist', 'cli.mjs'), 'main/web/start.ts', '--no-build', '--electron-package', pkg, '--data-dir', dataDir, '--no-open'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: whatever it starts can be found (and, if left behind, removed) below.
      detached: true,
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no address within 60 s:\n${out}`)), 60_000);
        const check = () => {
          const m = /http:\/\/127\.0\.0\.1:\d+\/#key=[A-Za-z0-9_-]{43}/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[0]);
          } else setTimeout(check, 100);
        };
        check();
      });
      expect(out).toContain("Electron's desktop runtime is not installed here and cannot be downloaded: 127.0.0.1:");
      expect(out).toContain('Nothing is wrong with DFDG Desk');
      expect(out).toContain('against the bundled DFDG sandbox');

      const origin = new URL(url).origin;
      const page = await fetch(origin);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('browser-bridge.js');

      const c = await connect(origin);
      hello(c, keyOf(url));
      await c.next((f) => f.type === 'welcome');
      const wire = createWire(webBase64);
      c.ws.send(wire.encode({ id: 1, channel: 'app.info', payload: {} }));
      const answer = await c.next((f) => f.id === 1);
      expect(answer.result).toMatchObject({ ok: true, data: { mode: 'sandbox', identity: { organisation: { type: 'akasse', code: '067' } } } });
      // The sandbox's organisation hub starts in the background (the address came first) and the core
      // connects to it as the organisation's first caseworker: the Indbakke is the team queue.
      const hub = (answer.result as { data: { hub: { state: string } | null } }).data.hub;
      expect(hub).toMatchObject({ source: 'sandbox' });
      if (hub!.state !== 'online') await c.next((f) => f.event === 'hub.status' && (f.payload as { status: { state: string } }).status.state === 'online');
      c.ws.send(wire.encode({ id: 2, channel: 'app.info', payload: {} }));
      const online = await c.next((f) => f.id === 2);
      expect(online.result).toMatchObject({ ok: true, data: { hub: { state: 'online', me: { name: 'Mette Sørensen' }, organisation: 'A-kasse Nordlys (sandbox)' } } });
      c.ws.close();
      expect(existsSync(join(dataDir, 'browser-mode', 'instance.lock'))).toBe(true);
    } finally {
      // A signal to the launcher alone (not the terminal's Ctrl+C to the group): it passes it on.
      child.kill('SIGINT');
    }
    const code = await Promise.race([exited, new Promise<'still running'>((res) => setTimeout(() => res('still running'), 20_000))]);
    // Nothing of it is left running (browser mode included); if something is, it goes, and the test fails.
    // Its processes may still be exiting for a moment after the launcher has (a loaded machine);
    // anything alive 10 s after the launcher ended is left behind.
    const leftover = await groupStillAliveAfter(child.pid!, 10_000);
    if (leftover) process.kill(-child.pid!, 'SIGKILL');
    expect(code).toBe(0);
    expect(leftover).toBe(false);
    expect(existsSync(join(dataDir, 'browser-mode', 'instance.lock'))).toBe(false);
    expect(existsSync(join(dataDir, 'browser-mode', 'open.html'))).toBe(false);
  }, 120_000);
});
