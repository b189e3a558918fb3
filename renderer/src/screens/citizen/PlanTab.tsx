// Min plan: a timeline of activities and offers, running and ended (with end reasons), and the
// recommendations about the citizen (sent or received) with their outcome and the evidence it rests on
// (shared/recommendationOutcome, decided in main): "Bevilget: Virksomhedspraktik, start 19-12-2026, i Min plan".
// A jobcenter consultant ends an activity (end date and an ophørsårsag a caseworker may use then) or
// moves a planned one (ActivityChangeFields); both go through the outbox. An ophørsårsag DFDG reports
// is shown with its meaning, also 14 and 15, which come from VITAS and are never offered.
import { useEffect, useMemo, useState } from 'react';
import type { Activity } from '../../../../shared/domain';
import { formatDate, formatDateTime } from '../../../../shared/dates';
import { RECOMMENDATION_STATUS_TEXT } from '../../../../shared/recommendationOutcome';
import { call, ipcError } from '../../lib/bridge';
import { useAction } from '../../lib/useAction';
import { ActivityChangeFields, useActivityChangeForm, type ActivityChangeAction, type ActivityChangeCommand } from './ActivityChangeFields';
import { useCodes } from '../../lib/codes';
import { useToday } from '../../lib/ruleContext';
import { useAsync } from '../../lib/useAsync';
import { useApp } from '../../stores/app';
import { useCitizen } from './context';
import { Freshness } from './Freshness';
import { ErrorText } from '../../components/ErrorText';
import { CommandForm } from '../../components/CommandForm';

function phase(a: Activity, today: string): 'planned' | 'running' | 'ended' {
  if (a.start > today) return 'planned';
  if (a.end !== null && a.end < today) return 'ended';
  return 'running';
}
const PHASE_TEXT = { planned: 'Planlagt', running: 'I gang', ended: 'Afsluttet' } as const;

export function PlanTab() {
  const { cpr, version, changed } = useCitizen();
  const codes = useCodes();
  const today = useToday();
  const plan = useAsync(() => call('plan.list', { cpr }), [cpr, version]);
  const activities = useMemo(() => [...(plan.data?.activities ?? [])].sort((a, b) => (a.start < b.start ? 1 : -1)), [plan.data]);
  const navigate = useApp((s) => s.navigate);
  const isJobcenter = useApp((s) => s.info?.identity?.organisation.type === 'jobcenter');
  const [changing, setChanging] = useState<{ action: ActivityChangeAction; activity: Activity } | null>(null);
  const done = () => {
    setChanging(null);
    plan.reload();
    changed();
  };

  return (
    <div className="plan">
      <h2>Min plan</h2>
      <ErrorText error={plan.error} />
      {plan.loading && !plan.data && <p>Henter Min plan …</p>}
      {plan.data && <Freshness freshness={plan.data.freshness} />}
      {changing && (
        <ActivityChangeForm
          key={`${changing.action}-${changing.activity.id}`}
          action={changing.action}
          activity={changing.activity}
          onDone={done}
          onCancel={() => setChanging(null)}
        />
      )}

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
                      {p !== 'ended' && a.endReason != null && a.end && <span className="badge">Afsluttes {formatDate(a.end)}</span>}
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
                            <dd>
                              {a.endReason} – {codes.label('ActivityEndReasonTypeIdentifier', a.endReason, 'Ophørsårsag')}
                              {codes.item('ActivityEndReasonTypeIdentifier', a.endReason)?.description && (
                                <span className="hint end-reason-meaning">: {codes.item('ActivityEndReasonTypeIdentifier', a.endReason)!.description}</span>
                              )}
                              {codes.item('ActivityEndReasonTypeIdentifier', a.endReason)?.systemOnly && <span className="hint"> (fra VITAS)</span>}
                            </dd>
                          </div>
                        )}
                      </dl>
                      {isJobcenter && !a.pendingCommandId && p !== 'ended' && a.endReason == null && (
                        <div className="actions">
                          <button type="button" onClick={() => setChanging({ action: 'end', activity: a })} disabled={changing !== null} aria-label={`Afslut ${a.name} fra ${formatDate(a.start)}`}>
                            Afslut
                          </button>
                          {p === 'planned' && (
                            <button type="button" onClick={() => setChanging({ action: 'update', activity: a })} disabled={changing !== null} aria-label={`Flyt ${a.name} fra ${formatDate(a.start)}`}>
                              Flyt
                            </button>
                          )}
                        </div>
                      )}
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

function ActivityChangeForm({ action, activity, onDone, onCancel }: { action: ActivityChangeAction; activity: Activity; onDone: () => void; onCancel: () => void }) {
  const { cpr, citizen } = useCitizen();
  const announce = useApp((s) => s.announce);
  // The ophørsårsager come only from DFDG's code list, which main may have refreshed since the app
  // started: fetch the lists again when the form opens (the bundled list has no caseworker reasons).
  useEffect(() => {
    if (action !== 'end') return;
    call('codelists.get', {}).then(
      (r) => useApp.getState().setCodeLists(r.lists),
      () => undefined,
    );
  }, [action]);
  const save = useAction(async (command: ActivityChangeCommand) => {
    if (command.action === 'end') await call('plan.endActivity', { cpr, activityId: activity.id, end: command.end, endReason: command.endReason });
    else await call('plan.updateActivity', { cpr, activityId: activity.id, start: command.start, end: command.end });
    announce(command.action === 'end' ? 'Afslutningen er lagt i udbakken og sendes til DFDG.' : 'De nye datoer er lagt i udbakken og sendes til DFDG.');
    onDone();
  });
  const form = useActivityChangeForm({
    action,
    citizen,
    before: { name: activity.name, start: activity.start, end: activity.end },
    initial: null,
    refused: ipcError(save.error)?.findings ?? [],
    onEdit: save.reset,
  });
  return (
    <CommandForm
      className="activity-change-form"
      titleId="activity-change-title"
      title={action === 'end' ? 'Afslut aktivitet' : 'Flyt planlagt aktivitet'}
      submitLabel={action === 'end' ? 'Afslut aktiviteten' : 'Gem nye datoer'}
      command={form.command}
      save={save}
      unsaved={Object.keys(form.touched).length > 0}
      unsavedText="Ændringen er ikke gemt. Gem den, eller annullér, før du går tilbage."
      onCancel={onCancel}
    >
      <ActivityChangeFields form={form} idPrefix="activity-change" />
    </CommandForm>
  );
}
