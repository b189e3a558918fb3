import type { Freshness, IsoDateTime } from '../../../shared/domain';

/** Is data fetched at `fetchedAt` still fresh at `now`? Never fetched → stale. */
export function freshnessOf(fetchedAt: IsoDateTime | null, now: Date, staleAfterMs: number, source: Freshness['source']): Freshness {
  if (!fetchedAt) return { fetchedAt: null, stale: true, source };
  const age = now.getTime() - Date.parse(fetchedAt);
  return { fetchedAt, stale: !(age >= -60_000 && age < staleAfterMs), source };
}
