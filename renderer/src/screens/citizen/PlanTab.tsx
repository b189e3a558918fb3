// Min plan: a timeline of activities and offers, running and ended (with end reasons), and, for the
// a-kasse, the recommendations it sent and whether the jobcenter granted them.
import { useMemo } from 'react';
import type { Activity } from '../../../../shared/domain';
import { formatDate, formatDateTime } from '../../../../shared/dates';
import { call } from '../../lib/bridge';
import { useCodes } from '../../lib/codes';
import { useToday } from '../../lib/ruleContext';
import { useAsync } from '../../lib/useAsync';
import { useCitizen } from './context';
import { Freshness } from './Freshness';
import { ErrorText } from '../../components/ErrorText';

const REC_STATUS = { pending: 'Afventer jobcentrets svar', answered: 'Besvaret af jobcentret', granted: 'Bevilget – oprettet i Min plan' } as const;

function phase(a: Activity, today: string): 'planned' | 'running' | 'ended' {
  if (a.start > today) return 'planned';
  if (a.end !== null && a.end < today) return 'ended';
  return 'running';
}
const PHASE_TEXT = { planned: 'Planlagt', running: 'I gang', ended: 'Afsluttet' } as const;

export function PlanTab() {
  const { cpr, version } = useCitizen();
  const codes = useCodes();
  const today = useToday();
  const plan = useAsync(() => call('plan.list', { cpr }), [cpr, version]);
  const activities = useMemo(() => [...(plan.data?.activities ?? [])].sort((a, b) => (a.start < b.start ? 1 : -1)), [plan.data]);
  const byId = useMemo(() => new Map(activities.map((a) => [a.id, a])), [activities]);

  return (
    <div className="plan">
      <h2>Min plan</h2>
      <ErrorText error={plan.error} />
      {plan.loading && !plan.data && <p>Henter Min plan …</p>}
      {plan.data && <Freshness freshness={plan.data.freshness} />}

      {plan.data && plan.data.recommendations.length > 0 && (
        <section aria-labelledby="plan-rec-title">
          <h3 id="plan-rec-title">Indstillinger om tilbud</h3>
          <ul className="plain recommendations">
            {plan.data.recommendations.map((r) => {
              const granted = r.activityId ? byId.get(r.activityId) : undefined;
              return (
                <li key={r.messageId} className={`rec rec-${r.status}`}>
                  <strong>{r.subject}</strong> <span className="hint">sendt {formatDateTime(r.sentAt)}</span>
                  <span className={`badge badge-${r.status}`}>{REC_STATUS[r.status]}</span>
                  {r.answeredAt && <span className="hint"> · svar {formatDateTime(r.answeredAt)}</span>}
                  {granted && (
                    <p>
                      Aktivitet: {granted.name}, fra {formatDate(granted.start)}
                      {granted.end ? ` til ${formatDate(granted.end)}` : ''}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      {plan.data && (
        <section aria-labelledby="plan-activities-title">
          <h3 id="plan-activities-title">Aktiviteter og tilbud ({activities.length})</h3>
          {activities.length === 0 ? (
            <p>Borgeren har ingen aktiviteter i Min plan.</p>
          ) : (
            <ol className="timeline">
              {activities.map((a) => {
                const p = phase(a, today);
                return (
                  <li key={a.id} className={`timeline-item ${p}`}>
                    <div className="timeline-when">
                      {formatDate(a.start)} – {a.end ? formatDate(a.end) : 'løbende'}
                    </div>
                    <div className="timeline-what">
                      <strong>{a.name}</strong>
                      <span className={`badge badge-${p}`}>{PHASE_TEXT[p]}</span>
                      {a.pendingCommandId && <span className="badge">Venter på afsendelse</span>}
                      <dl className="facts small">
                        {a.activationType != null && (
                          <div>
                            <dt>Tilbudstype</dt>
                            <dd>{codes.label('ActivationTypeIdentifier', a.activationType, 'Tilbudstype')}</dd>
                          </div>
                        )}
                        {a.hoursPerWeek != null && (
                          <div>
                            <dt>Timer pr. uge</dt>
                            <dd>{String(a.hoursPerWeek).replace('.', ',')}</dd>
                          </div>
                        )}
                        {a.responsibleAuthority && (
                          <div>
                            <dt>Ansvarlig</dt>
                            <dd>
                              {a.responsibleAuthority.name} ({a.responsibleAuthority.code})
                            </dd>
                          </div>
                        )}
                        {a.endReason != null && (
                          <div>
                            <dt>Ophørsårsag</dt>
                            <dd>{codes.label('ActivityEndReasonTypeIdentifier', a.endReason, 'Ophørsårsag')}</dd>
                          </div>
                        )}
                      </dl>
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}
