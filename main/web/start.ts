// `npm start` and `npm run start:web` (run with tsx): build, then the Electron app when its binary is
// present or can be fetched; otherwise say so in one short paragraph and start browser mode
// (out/main/web.js, see cli.ts). Electron 42+ fetches its binary on first use; behind a firewall, on a
// locked-down VDI or offline that fails, and a newcomer would never see the app.
//
//   tsx main/web/start.ts [--web] [--no-build] [--electron-package DIR] [browser-mode options]
//
// --web: browser mode on purpose. --electron-package: where the electron npm package is (tests use a
// stand-in without a binary). Other options go to browser mode (--data-dir, --port, --no-open).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasDisplay } from './platform';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

export type ElectronStatus = { kind: 'present'; binary: string } | { kind: 'missing'; version: string; installScript: string };

/** The executable inside the electron package's dist/ (as its install.js names it). */
export function electronBinaryPath(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** Is Electron's binary there (as the electron package's own index.js looks for it)? */
export function electronStatus(packageDir: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ElectronStatus {
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const pathFile = join(packageDir, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : electronBinaryPath(platform);
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, rel) : join(packageDir, 'dist', rel);
  if ((existsSync(pathFile) || env.ELECTRON_OVERRIDE_DIST_PATH) && existsSync(binary)) return { kind: 'present', binary };
  return { kind: 'missing', version, installScript: join(packageDir, 'install.js') };
}

/** Where @electron/get would fetch the binary from (ELECTRON_MIRROR honoured). */
export function electronDownloadUrl(version: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  const mirror = env.ELECTRON_MIRROR ?? env.npm_config_electron_mirror ?? 'https://github.com/electron/electron/releases/download/';
  const dir = env.ELECTRON_CUSTOM_DIR ?? `v${version}`;
  return `${mirror.endsWith('/') ? mirror : `${mirror}/`}${dir}/electron-v${version}-${platform}-${arch}.zip`;
}

/** Can the download place be reached at all? null when it answers, else why not (a short phrase). */
export async function probe(url: string, timeoutMs = 5_000): Promise<string | null> {
  try {
    const res = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    return res.status < 500 ? null : `the download server answered ${res.status}`;
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer from ${new URL(url).host} within ${Math.round(timeoutMs / 1000)} s`;
    return `${new URL(url).host} cannot be reached${e.cause?.code ? ` (${e.cause.code})` : ''}`;
  }
}

export type Decision = { run: 'electron'; binary: string } | { run: 'web'; why: string | null };

export interface DecideDeps {
  packageDir: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Browser mode on purpose (npm run start:web). */
  web: boolean;
  probe(url: string): Promise<string | null>;
  /** Runs the electron package's install.js; true when it fetched the binary. */
  install(script: string): boolean;
}

/**
 * Electron when its binary is present or can be fetched (and there is a display to show it on);
 * otherwise browser mode, with the reason (null: asked for).
 */
export async function decide(d: DecideDeps): Promise<Decision> {
  if (d.web) return { run: 'web', why: null };
  let status = electronStatus(d.packageDir, d.env, d.platform);
  if (!hasDisplay(d.platform, d.env)) {
    const runtime = status.kind === 'present' ? "Electron's desktop runtime is installed" : "Electron's desktop runtime is not installed here";
    return { run: 'web', why: `${runtime}, but no display was found to show its window on` };
  }
  if (status.kind === 'present') return { run: 'electron', binary: status.binary };
  const unreachable = await d.probe(electronDownloadUrl(status.version, d.env, d.platform));
  if (unreachable) return { run: 'web', why: `Electron's desktop runtime is not installed here and cannot be downloaded: ${unreachable}` };
  if (!d.install(status.installScript)) return { run: 'web', why: "Electron's desktop runtime is not installed here and its download failed" };
  status = electronStatus(d.packageDir, d.env, d.platform);
  if (status.kind === 'present') return { run: 'electron', binary: status.binary };
  return { run: 'web', why: "Electron's desktop runtime is not installed here and its download did not produce it" };
}

/** The paragraph shown when browser mode replaces the desktop app. */
export function fallbackParagraph(why: string): string {
  return [
    `${why[0]!.toUpperCase()}${why.slice(1)}.`,
    'Nothing is wrong with DFDG Desk: it starts in browser mode instead, with the same app, the same data',
    'and the same security checks, served to a browser on this machine only. To get the desktop app later,',
    'run `npx install-electron` where github.com can be reached (or set ELECTRON_MIRROR to a mirror), then',
    '`npm start` again.',
  ].join('\n');
}

export function buildApp(): boolean {
  const pkg = require.resolve('electron-vite/package.json');
  const bin = (JSON.parse(readFileSync(pkg, 'utf8')) as { bin: Record<string, string> }).bin['electron-vite']!;
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(dirname(pkg), bin), 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout}${r.stderr}\nThe build failed (above).\n`);
    return false;
  }
  process.stdout.write(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  return true;
}

/**
 * Runs a child with the terminal, and its exit code is ours. Ctrl+C in a terminal reaches the child
 * too (same process group); a signal sent to this process alone is passed on.
 */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((res) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => {
      if (child.exitCode === null) child.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (err) => {
      process.stderr.write(`${command} could not be started (${err.message}).\n`);
      res(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      res(code ?? (signal ? 1 : 0));
    });
  });
}

export async function main(argv: string[]): Promise<number> {
  let web = false;
  let doBuild = true;
  let packageDir: string | null = null;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--web') web = true;
    else if (a === '--no-build') doBuild = false;
    else if (a === '--electron-package') packageDir = resolve(argv[++i] ?? '.');
    else rest.push(a);
  }
  if (doBuild && !buildApp()) return 1;
  packageDir ??= dirname(require.resolve('electron/package.json'));
  const decision = await decide({
    packageDir,
    env: process.env,
    platform: process.platform,
    web,
    probe: (url) => probe(url),
    install: (script) => spawnSync(process.execPath, [script], { stdio: 'inherit' }).status === 0,
  });
  if (decision.run === 'electron') {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    return run(decision.binary, ['.'], env);
  }
  if (decision.why) process.stdout.write(`\n${fallbackParagraph(decision.why)}\n\n`);
  return run(process.execPath, [join(ROOT, 'out', 'main', 'web.js'), ...rest], process.env);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
