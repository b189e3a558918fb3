// Joblog: the citizen's registered job applications, newest first.
import { useMemo } from 'react';
import { formatDate } from '../../../../shared/dates';
import { call } from '../../lib/bridge';
import { useAsync } from '../../lib/useAsync';
import { useCitizen } from './context';
import { Freshness } from './Freshness';

export function JoblogTab() {
  const { cpr, version } = useCitizen();
  const data = useAsync(() => call('joblog.list', { cpr }), [cpr, version]);
  const entries = useMemo(() => [...(data.data?.entries ?? [])].sort((a, b) => (a.submissionDate < b.submissionDate ? 1 : -1)), [data.data]);
  return (
    <div>
      <h2>Joblog</h2>
      {data.error && (
        <p role="alert" className="error">
          {data.error}
        </p>
      )}
      {data.loading && !data.data && <p>Henter joblog …</p>}
      {data.data && <Freshness freshness={data.data.freshness} />}
      {data.data && entries.length === 0 && <p>Borgeren har ingen registreringer i joblog.</p>}
      {entries.length > 0 && (
        <table>
          <caption className="visually-hidden">Jobsøgning, nyeste først</caption>
          <thead>
            <tr>
              <th scope="col">Søgt</th>
              <th scope="col">Frist</th>
              <th scope="col">Virksomhed</th>
              <th scope="col">Stilling</th>
              <th scope="col">Beskrivelse</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDate(e.submissionDate)}</td>
                <td>{e.submissionDeadlineDate ? formatDate(e.submissionDeadlineDate) : ''}</td>
                <td>{e.companyName}</td>
                <td>{e.jobTitle}</td>
                <td className="pre">{e.description ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
