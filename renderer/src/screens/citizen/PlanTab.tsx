// Min plan: a timeline of activities and offers, running and ended (with end reasons), and the
// recommendations about the citizen (sent or received) with their outcome and the evidence it rests on
// (shared/recommendationOutcome, decided in main): "Bevilget: Virksomhedspraktik, start 19-12-2026, i Min plan".
import { useMemo } from 'react';
import type { Activity } from '../../../../shared/domain';
import { formatDate, formatDateTime } from '../../../../shared/dates';
import { RECOMMENDATION_STATUS_TEXT } from '../../../../shared/recommendationOutcome';
import { call } from '../../lib/bridge';
import { useCodes } from '../../lib/codes';
import { useToday } from '../../lib/ruleContext';
import { useAsync } from '../../lib/useAsync';
import { useApp } from '../../stores/app';
import { useCitizen } from './context';
import { Freshness } from './Freshness';
import { ErrorText } from '../../components/ErrorText';

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
  const navigate = useApp((s) => s.navigate);

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
            {plan.data.recommendations.map((r) => (
              <li key={r.messageId} className={`rec rec-${r.status}`}>
                <strong>{r.subject}</strong> <span className="hint">sendt {formatDateTime(r.sentAt)}</span>
                <p className="rec-outcome">
                  <span className={`badge badge-${r.status}`}>{RECOMMENDATION_STATUS_TEXT[r.status]}</span>
                  {r.evidence && <span className="rec-evidence">: {r.evidence}</span>}
                </p>
                {r.answerMessageId && (
                  <button type="button" className="link" onClick={() => navigate({ name: 'citizen', cpr, tab: 'dialog', messageId: r.answerMessageId! })}>
                    {r.status === 'answered' ? 'Læs svaret i tråden' : 'Åbn tråden'}
                  </button>
                )}
              </li>
            ))}
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
