// The shape of bench-results.json, shared by every bench module (core: run.ts and its sections;
// renderer: renderer.ts, added by the e2e engineer and called by run.ts when present).

export interface Metric {
  /** Short Danish-free technical label for the table, e.g. 'FTS name search p95'. */
  label: string;
  value: number;
  unit: 'ms' | 'ratio' | 'cmd/s' | 'KB' | 'MB' | 'count' | 's';
  /** The goal from issue 4, e.g. '≤ 2', '< 30 ms'; null when informational. */
  goal: string | null;
  /** Whether the goal is met (null when there is no goal). */
  ok: boolean | null;
  /** Extra numbers (p50, p95, samples, ...). */
  details?: Record<string, unknown>;
}

/** A section of the bench: returns its metrics keyed by a stable id. */
export type BenchSection = () => Promise<Record<string, Metric>>;

/** What test/bench/renderer.ts must export for run.ts to include renderer measurements. */
export interface RendererBenchModule {
  run(): Promise<Record<string, Metric>>;
}

export function metric(label: string, value: number, unit: Metric['unit'], goal: { max?: number; min?: number; text: string } | null, details?: Record<string, unknown>): Metric {
  const ok = goal === null ? null : (goal.max === undefined || value <= goal.max) && (goal.min === undefined || value >= goal.min);
  return { label, value: Math.round(value * 1000) / 1000, unit, goal: goal?.text ?? null, ok, ...(details ? { details } : {}) };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(samples: number[]): { p50: number; p95: number; mean: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), mean: s.reduce((a, b) => a + b, 0) / (s.length || 1), n: s.length };
}
