// Joblog: the citizen's registered job applications by calendar month, newest first, since the duty to
// register follows the calendar month (seed 001 §4.2). Beside each month: the absences that exempt the
// citizen from registering in it (shared/rules joblogMonths: e.g. absence 11 for contact group 7, seed
// 001 §2.5). Read-only: DFDG Desk does not register on the citizen's behalf (see JOBLOG_READ_ONLY).
import { useMemo } from 'react';
import { formatDate } from '../../../../shared/dates';
import type { JoblogEntry } from '../../../../shared/domain';
import { joblogMonths } from '../../../../shared/rules';
import { call } from '../../lib/bridge';
import { useCodes } from '../../lib/codes';
import { useRuleContext } from '../../lib/ruleContext';
import { useAsync } from '../../lib/useAsync';
import { ErrorText } from '../../components/ErrorText';
import { useCitizen } from './context';
import { Freshness } from './Freshness';

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** '2026-12' → 'December 2026'. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  const name = MONTHS[Number(m) - 1] ?? m ?? '';
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} ${y}`;
}

/** What the tab says once, above the months. */
export const JOBLOG_NO_WARNING =
  'DFDG advarer ikke længere, når borgeren ikke har registreret i joblog i 30 dage (ophørt med release 2022-3), fordi kravet nu følger kalendermåneden. Hold selv øje med måneder uden registreringer.';
export const JOBLOG_READ_ONLY =
  'Jobloggen vises kun her. Borgeren registrerer sin jobsøgning på Jobnet; DFDG’s kontrakt for at registrere på borgerens vegne (CitizenJoblogService) er ikke offentliggjort, så DFDG Desk registrerer ikke selv.';

const plural = (n: number) => (n === 1 ? '1 jobsøgning' : `${n} jobsøgninger`);

export function JoblogTab() {
  const { cpr, citizen, version } = useCitizen();
  const codes = useCodes();
  const ctx = useRuleContext(citizen);
  const data = useAsync(() => call('joblog.list', { cpr }), [cpr, version]);
  // The exemptions come from the citizen's absences (cached like the rest of the citizen's data).
  const absences = useAsync(() => call('absences.list', { cpr }), [cpr, version]);
  const months = useMemo(
    () => (data.data && ctx ? joblogMonths(data.data.entries, absences.data?.absences ?? [], ctx) : []),
    [data.data, absences.data, ctx],
  );

  return (
    <div>
      <h2>Joblog</h2>
      <ErrorText error={data.error} />
      {data.loading && !data.data && <p>Henter joblog …</p>}
      {data.data && <Freshness freshness={data.data.freshness} />}
      <p className="hint">{JOBLOG_NO_WARNING}</p>
      <p className="hint">{JOBLOG_READ_ONLY}</p>
      {absences.error && <ErrorText error={absences.error} prefix="Fritagelserne kunne ikke hentes:" />}
      {data.data && data.data.entries.length === 0 && <p>Borgeren har ingen registreringer i joblog.</p>}
      {months.map((m) => {
        const headingId = `joblog-${m.month}`;
        return (
          <section key={m.month} aria-labelledby={headingId} className="joblog-month">
            <h3 id={headingId}>
              {monthLabel(m.month)} – {m.entries.length === 0 ? 'ingen registreringer' : plural(m.entries.length)}
            </h3>
            {m.exemptions.length > 0 && (
              <ul className="plain exemptions" aria-label={`Fritagelser i ${monthLabel(m.month).toLowerCase()}`}>
                {m.exemptions.map((a) => (
                  <li key={`${a.type}-${a.start}`}>
                    Fritaget for at registrere i joblog: {codes.label('AbsenceTypeIdentifier', a.type, 'Fravær')} {formatDate(a.start)} – {a.end ? formatDate(a.end) : 'uden slutdato'} (
                    {codes.contactGroup(citizen.contactGroup).toLowerCase()}). Borgeren skal stadig søge job.
                  </li>
                ))}
              </ul>
            )}
            {m.entries.length > 0 && (
              <table>
                <caption className="visually-hidden">Jobsøgning i {monthLabel(m.month).toLowerCase()}, nyeste først</caption>
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
                  {m.entries.map((e: JoblogEntry) => (
                    <tr key={e.id}>
                      <td>
                        {formatDate(e.submissionDate)}
                        {m.datedBeforeMin.includes(e) && <span className="hint"> (før 01-01-2015: sandsynligvis forkert årstal; DFDG tager ikke længere imod sådanne datoer)</span>}
                      </td>
                      <td>{e.submissionDeadlineDate ? formatDate(e.submissionDeadlineDate) : ''}</td>
                      <td>{e.companyName}</td>
                      <td>{e.jobTitle}</td>
                      <td className="pre">{e.description ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </div>
  );
}
