// Per-operation counters for /_sandbox/stats (wire-contract §5). Kept in memory; the logical
// command counts live in the state (journaled), so "applied twice" is visible across restarts.

export interface OpCounts {
  requests: number;
  applied: number;
  rejected: number;
  faulted: number;
}

export class Stats {
  private ops = new Map<string, OpCounts>();

  private get(op: string): OpCounts {
    let c = this.ops.get(op);
    if (!c) {
      c = { requests: 0, applied: 0, rejected: 0, faulted: 0 };
      this.ops.set(op, c);
    }
    return c;
  }

  inc(op: string, field: keyof OpCounts): void {
    this.get(op)[field]++;
  }

  clear(): void {
    this.ops.clear();
  }

  snapshot(logical: Map<string, number>): {
    operations: Record<string, OpCounts>;
    logical: { applied: number; duplicates: number; duplicateKeys: string[] };
  } {
    const operations: Record<string, OpCounts> = {};
    for (const [k, v] of [...this.ops.entries()].sort(([a], [b]) => a.localeCompare(b))) operations[k] = { ...v };
    let applied = 0;
    const duplicateKeys: string[] = [];
    for (const [k, n] of logical) {
      applied += n;
      if (n > 1) duplicateKeys.push(k);
    }
    return { operations, logical: { applied, duplicates: duplicateKeys.length, duplicateKeys } };
  }
}
