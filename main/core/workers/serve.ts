// The worker's side of ./pool.ts: says 'ready', then answers each job the pool sends with what
// `handle` returns, one job at a time (the pool never sends a second before the first is answered).
// A job that throws is not answered: the error ends the worker, and the pool fails that job alone.
//
// Loaded by Node itself inside the worker when the app runs from the TypeScript sources: erasable
// TypeScript only, and no relative imports except types.

import { parentPort } from 'node:worker_threads';

export type JobMessage = { type: 'job'; id: number; input: unknown };
export type WorkerMessage = { type: 'ready' } | { type: 'result'; id: number; result: unknown };

export function serveJobs(handle: (input: unknown) => unknown): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs runs only in a worker thread');
  port.on('message', (m: JobMessage) => {
    if (m?.type !== 'job') return;
    void Promise.resolve(handle(m.input)).then((result) => {
      const answer: WorkerMessage = { type: 'result', id: m.id, result };
      port.postMessage(answer);
    });
  });
  const ready: WorkerMessage = { type: 'ready' };
  port.postMessage(ready);
}
