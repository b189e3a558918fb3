// A citizen's records from DFDG as a table, newest first (Møder, Joblog): the heading,
// main's error, a loading line, the freshness line, a sentence when there are none.
import { useMemo, type ReactNode } from 'react';
import type { Freshness as FreshnessInfo } from '../../../../shared/domain';
import type { AsyncState } from '../../lib/useAsync';
import { Freshness } from './Freshness';
import { ErrorText } from '../../components/ErrorText';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** The cell's class ('pre' keeps the text's line breaks). */
  className?: string;
}

export function RecordTable<T extends { id: string }, D extends { freshness: FreshnessInfo }>(props: {
  title: string;
  /** The tab's load of the list from main. */
  state: AsyncState<D>;
  rows: readonly T[] | undefined;
  /** The date or date-time the rows are ordered by, newest first (pass a stable function). */
  newestFirst: (row: T) => string;
  columns: Column<T>[];
  loadingText: string;
  emptyText: string;
  /** A caption for screen readers. */
  caption?: string;
  /** Buttons beside the heading (Møder: "Ny indkaldelse"). */
  actions?: ReactNode;
  /** Shown under the heading, above the list (an open form). */
  children?: ReactNode;
}) {
  const { title, state, rows, newestFirst, columns, loadingText, emptyText, caption, actions, children } = props;
  const sorted = useMemo(() => [...(rows ?? [])].sort((a, b) => (newestFirst(a) < newestFirst(b) ? 1 : -1)), [rows, newestFirst]);
  return (
    <div>
      {actions ? (
        <div className="tab-head">
          <h2>{title}</h2>
          {actions}
        </div>
      ) : (
        <h2>{title}</h2>
      )}
      {children}
      <ErrorText error={state.error} />
      {state.loading && !state.data && <p>{loadingText}</p>}
      {state.data && <Freshness freshness={state.data.freshness} />}
      {state.data && sorted.length === 0 && <p>{emptyText}</p>}
      {sorted.length > 0 && (
        <table>
          {caption && <caption className="visually-hidden">{caption}</caption>}
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col">
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr key={row.id}>
                {columns.map((c) => (
                  <td key={c.header} className={c.className}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
