// The parts of an advisory both Indbakke views draw the same way (this desktop's own, and the team
// queue of hub mode): a row's cells and the detail's facts. Each view says the status in its own words.
import type { Advisory } from '../../../shared/domain';
import { formatDate, formatDateTime } from '../../../shared/dates';
import { KIND_TEXT, citizenLabel } from './advisoryParts';

type Shown = Pick<Advisory, 'kind' | 'cpr' | 'citizenName' | 'title' | 'dueDate' | 'status' | 'createdAt'>;

/** A row's cells: due date (overdue marked), kind, citizen, title, status. */
export function AdvisoryCells({ advisory: a, today, status }: { advisory: Shown; today: string; status: string }) {
  const overdue = a.dueDate !== null && a.dueDate < today && a.status !== 'done';
  return (
    <>
      <span className={overdue ? 'due overdue' : 'due'}>
        {a.dueDate ? `Frist ${formatDate(a.dueDate)}` : 'Ingen frist'}
        {overdue ? ' (overskredet)' : ''}
      </span>
      <span className="kind">{KIND_TEXT[a.kind]}</span>
      <span className="who">{citizenLabel(a)}</span>
      <span className="title">{a.title}</span>
      <span className="status">{status}</span>
    </>
  );
}

/** The detail's facts: type, citizen, received, due date, status. */
export function AdvisoryFacts({ advisory: a, status }: { advisory: Shown; status: string }) {
  return (
    <dl className="facts">
      <div>
        <dt>Type</dt>
        <dd>{KIND_TEXT[a.kind]}</dd>
      </div>
      <div>
        <dt>Borger</dt>
        <dd>{citizenLabel(a)}</dd>
      </div>
      <div>
        <dt>Modtaget</dt>
        <dd>{formatDateTime(a.createdAt)}</dd>
      </div>
      <div>
        <dt>Frist</dt>
        <dd>{a.dueDate ? formatDate(a.dueDate) : 'Ingen'}</dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd>{status}</dd>
      </div>
    </dl>
  );
}
