// The bundled sandbox in a process of its own, so that nothing a request makes it do (parsing, a slow
// fault) can stall the app: main/sandboxProcess.ts starts this file as an Electron utility process
// (the desktop app, whose runAsNode fuse is off) or a Node child process (browser mode), built as
// out/main/sandboxChild.js. One conversation over the parent's port:
//   parent → {type:'start', opts}   child → {type:'ready', url, port, dataDir, certs} | {type:'failed', message}
//   parent → {type:'close'}         child → {type:'closed'}, then exits
// The child also ends when the parent goes away (its IPC channel closes).

import { startSandbox, type SandboxHandle, type StartOptions } from './server';

export type ToSandboxChild = { type: 'start'; opts: StartOptions } | { type: 'close' };
export type FromSandboxChild =
  | ({ type: 'ready' } & Pick<SandboxHandle, 'url' | 'port' | 'dataDir' | 'certs'>)
  | { type: 'failed'; message: string }
  | { type: 'closed' };

interface ParentPort {
  on(listener: (message: unknown) => void): void;
  post(message: FromSandboxChild): void;
}

function parentPort(): ParentPort {
  // Electron's utility process: process.parentPort, messages as MessageEvent-like { data }.
  const electronPort = (process as unknown as { parentPort?: { on(e: 'message', l: (m: { data: unknown }) => void): void; postMessage(m: unknown): void } }).parentPort;
  if (electronPort) return { on: (l) => electronPort.on('message', (m) => l(m.data)), post: (m) => electronPort.postMessage(m) };
  if (typeof process.send === 'function') {
    process.on('disconnect', () => void shutDown());
    return { on: (l) => process.on('message', l), post: (m) => void process.send!(m) };
  }
  throw new Error('sandbox/child.ts runs only as a child process (main/sandboxProcess.ts)');
}

let handle: SandboxHandle | null = null;
let closing: Promise<void> | null = null;

function shutDown(): Promise<void> {
  closing ??= (async () => {
    await handle?.close().catch(() => undefined);
    handle = null;
  })();
  return closing;
}

const port = parentPort();
port.on((raw) => {
  const m = raw as ToSandboxChild;
  if (m?.type === 'start' && !handle) {
    startSandbox(m.opts).then(
      (h) => {
        handle = h;
        port.post({ type: 'ready', url: h.url, port: h.port, dataDir: h.dataDir, certs: h.certs });
      },
      (err: unknown) => {
        // The name only: a message can hold paths of the user's home directory.
        port.post({ type: 'failed', message: err instanceof Error ? `${err.name}${(err as { code?: unknown }).code ? ` (${String((err as { code?: unknown }).code)})` : ''}` : 'unknown' });
        process.exit(1);
      },
    );
  } else if (m?.type === 'close') {
    void shutDown().then(() => {
      port.post({ type: 'closed' });
      // Let the message leave before the process does.
      setTimeout(() => process.exit(0), 10);
    });
  }
});
