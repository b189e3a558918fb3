import type { Freshness as F } from '../../../../shared/domain';
import { formatDateTime } from '../../../../shared/dates';

/** "Hentet fra DFDG 22-11-2026 10:15 – kan være forældet" */
export function Freshness({ freshness }: { freshness: F }) {
  return (
    <p className={freshness.stale ? 'hint stale' : 'hint'}>
      {freshness.source === 'dfdg' ? 'Hentet fra DFDG' : 'Fra den lokale kopi'}
      {freshness.fetchedAt ? ` ${formatDateTime(freshness.fetchedAt)}` : ''}
      {freshness.stale ? ' – kan være forældet' : ''}
    </p>
  );
}
