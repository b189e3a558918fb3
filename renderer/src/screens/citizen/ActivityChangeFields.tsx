// Ending an activity (end date and ophørsårsag) or moving a planned one (new dates): one form for Min
// plan and for the Udbakke's "Ret og send igen", so the two cannot drift (as AbsenceFields). The
// ophørsårsager offered are those a caseworker may use on the end date (shared/rules
// activityEndReasonsFor: from the code list main refreshed from DFDG, never 14 and 15, which come from
// VITAS, seed 001 §3.1); the findings come from shared/rules checkPlanChange as the caseworker types,
// judged as main judges them (as of the end date), and main checks again.
import { useMemo, useState } from 'react';
import type { Citizen, Finding } from '../../../../shared/domain';
import { activityEndReasonsFor, checkPlanChange } from '../../../../shared/rules';
import { formatDate } from '../../../../shared/dates';
import { useRuleContext, useToday } from '../../lib/ruleContext';
import { DateField } from '../../components/DateField';
import { FieldFindings, findingsId, forField, hasErrors, withServerFindings } from '../../components/Findings';

export type ActivityChangeAction = 'end' | 'update';

/** The activity as it is before the change. */
export interface ActivityBefore {
  name: string;
  start: string;
  end: string | null;
}

export interface ActivityChangeValues {
  start: string | null;
  end: string | null;
  endReason: number | null;
}

export type ActivityChangeCommand = { action: 'end'; end: string; endReason: number } | { action: 'update'; start: string; end: string | null };

export interface ActivityChangeForm {
  action: ActivityChangeAction;
  values: ActivityChangeValues;
  set: <K extends keyof ActivityChangeValues>(key: K, value: ActivityChangeValues[K]) => void;
  before: ActivityBefore;
  /** The ophørsårsager a caseworker may use on the end date. */
  reasons: { id: number; name: string; description: string | null }[];
  touched: Partial<Record<keyof ActivityChangeValues, true>>;
  shown: Finding[];
  command: ActivityChangeCommand | null;
}

export function useActivityChangeForm({
  action,
  citizen,
  before,
  initial,
  refused,
  onEdit,
}: {
  action: ActivityChangeAction;
  citizen: Citizen | null;
  before: ActivityBefore;
  /** The values to start from (an edit in the Udbakke); null: the end today, or the activity's dates. */
  initial: Partial<ActivityChangeValues> | null;
  refused: Finding[];
  onEdit: () => void;
}): ActivityChangeForm {
  const today = useToday();
  const [values, setValues] = useState<ActivityChangeValues>(() => ({
    start: initial?.start ?? before.start,
    end: initial?.end !== undefined ? initial.end : action === 'end' ? (before.start > today ? before.start : today) : before.end,
    endReason: initial?.endReason ?? null,
  }));
  const [touched, setTouched] = useState<ActivityChangeForm['touched']>({});
  const set = <K extends keyof ActivityChangeValues>(key: K, value: ActivityChangeValues[K]) => {
    onEdit();
    setTouched((t) => (t[key] ? t : { ...t, [key]: true }));
    setValues((v) => ({ ...v, [key]: value }));
  };
  // An end is judged as of its end date (as main judges it); a move as of today.
  const ctx = useRuleContext(citizen, action === 'end' ? values.end : null);
  const reasons = useMemo(
    () =>
      ctx && action === 'end'
        ? activityEndReasonsFor(ctx, values.end ?? undefined).map((r) => ({ id: r.id, name: r.name, description: r.description ?? null }))
        : [],
    [ctx, action, values.end],
  );
  const local = useMemo(() => {
    if (!ctx) return [];
    return action === 'end'
      ? checkPlanChange({ start: before.start.slice(0, 10), end: values.end, endReason: values.endReason }, ctx)
      : checkPlanChange({ start: values.start, end: values.end }, ctx);
  }, [ctx, action, before.start, values]);
  const shown = withServerFindings(local, refused);
  let command: ActivityChangeCommand | null = null;
  if (!hasErrors(shown)) {
    if (action === 'end' && values.end && values.endReason !== null && reasons.some((r) => r.id === values.endReason)) {
      command = { action, end: values.end, endReason: values.endReason };
    } else if (action === 'update' && values.start) {
      const changed = values.start !== before.start.slice(0, 10) || (values.end ?? null) !== (before.end?.slice(0, 10) ?? null);
      if (changed) command = { action, start: values.start, end: values.end };
    }
  }
  return { action, values, set, before, reasons, touched, shown, command };
}

/** The fields of `form`, with their findings beside them; ids start with `idPrefix`. */
export function ActivityChangeFields({ form, idPrefix }: { form: ActivityChangeForm; idPrefix: string }) {
  const { action, values, set, before, reasons, shown } = form;
  const fid = (f: string) => findingsId(idPrefix, f);
  const id = (f: string) => `${idPrefix}-${f}`;
  const placed = ['start', 'end', 'endReason'];
  const other = shown.filter((f) => !f.field || !placed.includes(f.field));
  const chosen = reasons.find((r) => r.id === values.endReason);
  const chosenGone = values.endReason !== null && !chosen;

  return (
    <>
      <p>
        <strong>{before.name}</strong>, {formatDate(before.start)} – {before.end ? formatDate(before.end) : 'løbende'}
      </p>
      {action === 'update' ? (
        <>
          <div className="field-row">
            <DateField id={id('start')} label="Ny startdato" value={values.start} onChange={(v) => set('start', v)} required describedBy={fid('start')} />
            <DateField id={id('end')} label="Ny slutdato" value={values.end} onChange={(v) => set('end', v)} describedBy={fid('end')} />
          </div>
          <FieldFindings id={fid('start')} findings={forField(shown, 'start')} />
          <FieldFindings id={fid('end')} findings={forField(shown, 'end')} />
        </>
      ) : (
        <>
          <div className="field-row">
            <DateField id={id('end')} label="Slutdato" value={values.end} onChange={(v) => set('end', v)} required describedBy={fid('end')} />
          </div>
          <FieldFindings id={fid('end')} findings={forField(shown, 'end')} />
          <div className="field">
            <label htmlFor={id('reason')}>Ophørsårsag</label>
            <select
              id={id('reason')}
              value={values.endReason ?? ''}
              onChange={(e) => set('endReason', e.target.value === '' ? null : Number(e.target.value))}
              aria-describedby={`${fid('endReason')} ${id('reason-hint')}`}
              aria-required="true"
              disabled={reasons.length === 0}
            >
              <option value="">Vælg ophørsårsag …</option>
              {chosenGone && <option value={values.endReason!}>{values.endReason} (kan ikke bruges på slutdatoen)</option>}
              {reasons.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.id} – {r.name}
                </option>
              ))}
            </select>
            <span id={id('reason-hint')} className="hint">
              {reasons.length === 0
                ? 'DFDG’s kodeliste har ingen ophørsårsager, som sagsbehandlere kan bruge på slutdatoen, eller kodelisten er ikke hentet endnu (det sker, når der er forbindelse til DFDG). Ophørsårsagernes id’er er ikke offentliggjort, så programmet har ingen egne.'
                : 'Kun ophørsårsager, der gælder på slutdatoen. 14 og 15 vises ikke: de kommer fra VITAS og registreres ikke af sagsbehandlere.'}
            </span>
            {chosen?.description && <p className="hint">{chosen.description}</p>}
            <FieldFindings id={fid('endReason')} findings={forField(shown, 'endReason')} />
          </div>
        </>
      )}
      {other.length > 0 && <FieldFindings id={fid('general')} findings={other} />}
    </>
  );
}
