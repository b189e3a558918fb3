// The bundled sandbox runs in a process of its own (sandbox/child.ts): a request that makes it parse
// for seconds, or a fault that holds a request, can never stall the app's event loop. The shell gives
// the way to start a child: Electron's utilityProcess in the desktop app (its runAsNode fuse is off, so
// a Node fork of the Electron binary would not run), Node's fork in browser mode (forkNodeChild).
// Imported by main/index.ts and main/web/app.ts: no electron here.

import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SandboxLike } from './runtime';

/** What the shell's way of starting a child gives back. */
export interface ChildLike {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export type SpawnChild = (entry: string) => ChildLike;

type FromChild =
  | { type: 'ready'; url: string; port: number; dataDir: string; certs: SandboxLike['certs'] }
  | { type: 'failed'; message: string }
  | { type: 'closed' };

/**
 * The child's entry: out/main/sandboxChild.js next to the bundle (electron-vite builds it), or
 * sandbox/child.ts when running from the sources (vitest, tsx).
 */
export function sandboxChildEntry(moduleUrl: string = import.meta.url): string {
  if (new URL(moduleUrl).pathname.endsWith('.ts')) return fileURLToPath(new URL('../sandbox/child.ts', moduleUrl));
  return fileURLToPath(new URL('./sandboxChild.js', moduleUrl));
}

/** Node's fork (browser mode, tests). A .ts entry runs through tsx (a devDependency: sources only). */
export function forkNodeChild(entry: string): ChildLike {
  const child = fork(entry, [], {
    execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  return {
    post: (m) => void child.send(m as never),
    onMessage: (l) => child.on('message', l),
    onExit: (l) => child.on('exit', (code) => l(code)),
    kill: () => void child.kill('SIGKILL'),
  };
}

export interface SandboxProcessOptions {
  dataDir: string;
  port: number;
  /** How long the child may take to answer 'ready' (certificates are made on first start). */
  startTimeoutMs?: number;
  /** Called when the child ends without being asked to (the sandbox is gone; DFDG calls will fail). */
  onUnexpectedExit?(code: number | null): void;
}

/** Starts the sandbox in a child and answers like startSandbox (url, certs, dataDir, close). */
export async function startSandboxProcess(spawn: SpawnChild, o: SandboxProcessOptions, entry: string = sandboxChildEntry()): Promise<SandboxLike> {
  if (!existsSync(entry)) throw new Error(`the sandbox's entry is missing (${entry.endsWith('.js') ? 'build the app first' : 'sources'})`);
  const child = spawn(entry);
  let exited = false;
  let closing = false;
  const exit = new Promise<number | null>((resolve) =>
    child.onExit((code) => {
      exited = true;
      if (!closing) o.onUnexpectedExit?.(code);
      resolve(code);
    }),
  );
  const ready = await new Promise<Extract<FromChild, { type: 'ready' }>>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('the sandbox did not start in time'));
    }, o.startTimeoutMs ?? 60_000);
    child.onMessage((raw) => {
      const m = raw as FromChild;
      if (m?.type === 'ready') {
        clearTimeout(timer);
        resolve(m);
      } else if (m?.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`the sandbox could not start (${m.message})`));
      }
    });
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox's process ended before it was ready (exit ${code})`));
    });
    child.post({ type: 'start', opts: { dataDir: o.dataDir, port: o.port } });
  });
  return {
    url: ready.url,
    // The organisation hub of the sandbox reads the caseworkers' certificates from <dataDir>/certs.
    dataDir: ready.dataDir,
    certs: ready.certs,
    async close() {
      if (exited) return;
      closing = true;
      child.post({ type: 'close' });
      const timer = setTimeout(() => child.kill(), 5_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
