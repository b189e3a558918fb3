// Joblog: the citizen's registered job applications, newest first.
import { formatDate } from '../../../../shared/dates';
import type { JoblogEntry } from '../../../../shared/domain';
import { call } from '../../lib/bridge';
import { useAsync } from '../../lib/useAsync';
import { useCitizen } from './context';
import { RecordTable, type Column } from './RecordTable';

const bySubmission = (e: JoblogEntry) => e.submissionDate;

const COLUMNS: Column<JoblogEntry>[] = [
  { header: 'Søgt', cell: (e) => formatDate(e.submissionDate) },
  { header: 'Frist', cell: (e) => (e.submissionDeadlineDate ? formatDate(e.submissionDeadlineDate) : '') },
  { header: 'Virksomhed', cell: (e) => e.companyName },
  { header: 'Stilling', cell: (e) => e.jobTitle },
  { header: 'Beskrivelse', cell: (e) => e.description ?? '', className: 'pre' },
];

export function JoblogTab() {
  const { cpr, version } = useCitizen();
  const data = useAsync(() => call('joblog.list', { cpr }), [cpr, version]);
  return (
    <RecordTable
      title="Joblog"
      state={data}
      rows={data.data?.entries}
      newestFirst={bySubmission}
      columns={COLUMNS}
      loadingText="Henter joblog …"
      emptyText="Borgeren har ingen registreringer i joblog."
      caption="Jobsøgning, nyeste først"
    />
  );
}
