// Per-operation counters for /_sandbox/stats (wire-contract §5). Kept in memory; the logical
// command counts live in the state (journaled), so "applied twice" is visible across restarts.
// Besides the content key, every applied write is counted by the x-requestId it came with (the
// client's own key for one command, on every retry): two applies under one id are one command
// applied twice, however its content compares.

export interface OpCounts {
  requests: number;
  applied: number;
  rejected: number;
  faulted: number;
  /** Requests whose client closed the connection before the answer was written (a timeout, a killed process). */
  abandoned: number;
}

export class Stats {
  private ops = new Map<string, OpCounts>();
  /** Applied writes per '<org>:<x-requestId>'. */
  private byRequestId = new Map<string, number>();
  /** Requests received and not answered yet (their connection still open), per operation. */
  private open = new Map<string, number>();

  private get(op: string): OpCounts {
    let c = this.ops.get(op);
    if (!c) {
      c = { requests: 0, applied: 0, rejected: 0, faulted: 0, abandoned: 0 };
      this.ops.set(op, c);
    }
    return c;
  }

  inc(op: string, field: keyof OpCounts): void {
    this.get(op)[field]++;
  }

  /** A write was applied under this x-requestId (keyed with the caller's organisation). */
  appliedRequest(key: string): void {
    this.byRequestId.set(key, (this.byRequestId.get(key) ?? 0) + 1);
  }

  /** A request came in; the returned function marks it answered or given up on (once). */
  opened(op: string): () => void {
    this.open.set(op, (this.open.get(op) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const n = (this.open.get(op) ?? 1) - 1;
      if (n > 0) this.open.set(op, n);
      else this.open.delete(op);
    };
  }

  /** How often a write was applied under this '<org>:<x-requestId>'. */
  appliedUnder(key: string): number {
    return this.byRequestId.get(key) ?? 0;
  }

  clear(): void {
    this.ops.clear();
    this.byRequestId.clear();
  }

  snapshot(logical: Map<string, number>): {
    operations: Record<string, OpCounts>;
    logical: { applied: number; duplicates: number; duplicateKeys: string[] };
    requestIds: { applied: number; duplicates: number; duplicateIds: string[] };
    inFlight: Record<string, number>;
  } {
    const operations: Record<string, OpCounts> = {};
    for (const [k, v] of [...this.ops.entries()].sort(([a], [b]) => a.localeCompare(b))) operations[k] = { ...v };
    return { operations, logical: counted(logical, 'duplicateKeys'), requestIds: counted(this.byRequestId, 'duplicateIds'), inFlight: Object.fromEntries(this.open) };
  }
}

function counted<K extends string>(m: Map<string, number>, name: K): { applied: number; duplicates: number } & Record<K, string[]> {
  let applied = 0;
  const dup: string[] = [];
  for (const [k, n] of m) {
    applied += n;
    if (n > 1) dup.push(k);
  }
  return { applied, duplicates: dup.length, [name]: dup } as { applied: number; duplicates: number } & Record<K, string[]>;
}
