// Møder: the citizen's meetings (interviews) as DFDG has them, newest first.
import { formatDateTime } from '../../../../shared/dates';
import type { Meeting } from '../../../../shared/domain';
import { call } from '../../lib/bridge';
import { useCodes } from '../../lib/codes';
import { useAsync } from '../../lib/useAsync';
import { useCitizen } from './context';
import { RecordTable } from './RecordTable';

const byStart = (m: Meeting) => m.start;

export function MeetingsTab() {
  const { cpr, version } = useCitizen();
  const codes = useCodes();
  const data = useAsync(() => call('meetings.list', { cpr }), [cpr, version]);
  return (
    <RecordTable
      title="Møder"
      state={data}
      rows={data.data?.meetings}
      newestFirst={byStart}
      loadingText="Henter møder …"
      emptyText="Der er ingen møder."
      columns={[
        {
          header: 'Tidspunkt',
          cell: (m) => (
            <>
              {formatDateTime(m.start)}
              {m.end ? `–${formatDateTime(m.end).slice(-5)}` : ''}
              {m.selfBooked && <span className="badge">Selvbooket</span>}
            </>
          ),
        },
        { header: 'Samtaletype', cell: (m) => codes.label('InterviewTypeIdentifier', m.interviewType, 'Samtaletype') },
        { header: 'Form', cell: (m) => codes.label('InterviewContactTypeIdentifier', m.form, 'Mødeform') },
        {
          header: 'Sted',
          className: 'pre',
          cell: (m) => (
            <>
              {[m.location, m.locationDetail].filter(Boolean).join(', ')}
              {m.digitalLink && (
                <>
                  {m.location ? ' · ' : ''}Link: <span className="mono">{m.digitalLink}</span>
                </>
              )}
            </>
          ),
        },
        { header: 'Myndighed', cell: (m) => (m.organisation ? `${m.organisation.name} (${m.organisation.organisationCode})` : '') },
      ]}
    />
  );
}
