// Møder: the citizen's meetings (interviews) as DFDG has them, newest first.
import { useMemo } from 'react';
import { formatDateTime } from '../../../../shared/dates';
import { call } from '../../lib/bridge';
import { useCodes } from '../../lib/codes';
import { useAsync } from '../../lib/useAsync';
import { useCitizen } from './context';
import { Freshness } from './Freshness';

export function MeetingsTab() {
  const { cpr, version } = useCitizen();
  const codes = useCodes();
  const data = useAsync(() => call('meetings.list', { cpr }), [cpr, version]);
  const meetings = useMemo(() => [...(data.data?.meetings ?? [])].sort((a, b) => (a.start < b.start ? 1 : -1)), [data.data]);
  return (
    <div>
      <h2>Møder</h2>
      {data.error && (
        <p role="alert" className="error">
          {data.error}
        </p>
      )}
      {data.loading && !data.data && <p>Henter møder …</p>}
      {data.data && <Freshness freshness={data.data.freshness} />}
      {data.data && meetings.length === 0 && <p>Der er ingen møder.</p>}
      {meetings.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Tidspunkt</th>
              <th scope="col">Samtaletype</th>
              <th scope="col">Form</th>
              <th scope="col">Sted</th>
              <th scope="col">Myndighed</th>
            </tr>
          </thead>
          <tbody>
            {meetings.map((m) => (
              <tr key={m.id}>
                <td>
                  {formatDateTime(m.start)}
                  {m.end ? `–${formatDateTime(m.end).slice(-5)}` : ''}
                  {m.selfBooked && <span className="badge">Selvbooket</span>}
                </td>
                <td>{codes.label('InterviewTypeIdentifier', m.interviewType, 'Samtaletype')}</td>
                <td>{codes.label('InterviewContactTypeIdentifier', m.form, 'Mødeform')}</td>
                <td className="pre">
                  {[m.location, m.locationDetail].filter(Boolean).join(', ')}
                  {m.digitalLink && (
                    <>
                      {m.location ? ' · ' : ''}Link: <span className="mono">{m.digitalLink}</span>
                    </>
                  )}
                </td>
                <td>{m.organisation ? `${m.organisation.name} (${m.organisation.organisationCode})` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
