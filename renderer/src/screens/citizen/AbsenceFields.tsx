// The absence fields, their live findings and the rectification comment: one form for the Fravær tab
// (register, correct, delete) and the outbox's "Ret og send igen" for a rejected absence command, so
// the two cannot drift. useAbsenceForm keeps the values and runs the shared rules as the caseworker
// types (judged as main judges them, shared/rules absenceAsOf; the types offered leave out what a
// seed or a document says DFDG refuses for the citizen, and mark what it may refuse by an assumed
// restriction of the code list); <AbsenceFields> shows them;
// absenceCommand() builds what main queues. A correction or deletion is checked against the absence
// as it was before (`previous`): its type and start decide "begun" and "historic".
import { useMemo, useState } from 'react';
import type { AbsenceInput, Citizen, Finding } from '../../../../shared/domain';
import type { AbsenceCommandInput } from '../../../../shared/rules/types';
import { absenceAsOf, absenceTypeCaution, absenceTypesFor, checkAbsence, consequencesOfAbsence } from '../../../../shared/rules';
import { formatDate } from '../../../../shared/dates';
import { useCodes } from '../../lib/codes';
import { useRuleContext, useToday } from '../../lib/ruleContext';
import { DateField } from '../../components/DateField';
import { FieldFindings, findingsId, forField, hasErrors, withServerFindings } from '../../components/Findings';

export type AbsenceAction = 'create' | 'update' | 'delete';

/** The absence as it was before a correction or deletion. */
export interface PreviousAbsence {
  type: number;
  start: string;
  end: string | null;
}

export interface AbsenceValues {
  type: number | null;
  start: string | null;
  end: string | null;
  notificationDate: string | null;
  comment: string;
  rectification: string;
}

/** What main queues for the action (create: the input; update: input and comment; delete: the comment). */
export type AbsenceCommand =
  | { action: 'create'; input: AbsenceInput }
  | { action: 'update'; input: AbsenceInput; rectificationComment: string | null }
  | { action: 'delete'; rectificationComment: string };

/** The command from the fields; null while a required field is empty. */
export function absenceCommand(action: AbsenceAction, v: AbsenceValues, endReason: number | null): AbsenceCommand | null {
  if (action === 'delete') {
    const comment = v.rectification.trim();
    return comment ? { action, rectificationComment: comment } : null;
  }
  if (v.type === null || !v.start || !v.notificationDate) return null;
  const input: AbsenceInput = { type: v.type, start: v.start, end: v.end, comment: v.comment.trim() ? v.comment : null, notificationDate: v.notificationDate, endReason };
  return action === 'update' ? { action, input, rectificationComment: v.rectification.trim() || null } : { action, input };
}

/** What the shared rules check: a deletion is the previous absence; a registration or correction is the fields. */
export function absenceCheckInput(action: AbsenceAction, v: AbsenceValues, previous: PreviousAbsence | null, today: string): AbsenceCommandInput {
  const rectificationComment = v.rectification || null;
  if (action === 'delete') {
    return { action, type: previous?.type ?? null, start: previous?.start ?? today, end: previous?.end ?? null, today, rectificationComment };
  }
  return {
    action,
    type: v.type,
    start: v.start ?? '',
    end: v.end,
    today,
    previousType: previous?.type ?? null,
    previousStart: previous?.start ?? null,
    comment: v.comment || null,
    rectificationComment,
  };
}

export interface AbsenceForm {
  action: AbsenceAction;
  values: AbsenceValues;
  set: <K extends keyof AbsenceValues>(key: K, value: AbsenceValues[K]) => void;
  previous: PreviousAbsence | null;
  /** The types on offer; `caution`: DFDG may refuse it for this citizen (an assumed restriction, shared/rules). */
  types: { id: number; name: string; caution: string | null }[];
  typeOffered: boolean;
  consequences: { id: string; text: string }[];
  /** The rules' findings and main's (after a refusal, until the next edit). */
  shown: Finding[];
  /** The fields the caseworker has edited (a deletion's "required" finding waits for its comment). */
  touched: Partial<Record<keyof AbsenceValues, true>>;
  /** What to send, or null while the form is not ready (an error, a required field empty). */
  command: AbsenceCommand | null;
}

export function useAbsenceForm({
  action,
  citizen,
  initial,
  previous,
  rectification = '',
  refused,
  onEdit,
}: {
  action: AbsenceAction;
  citizen: Citizen | null;
  /** The absence's fields to start from (null: a new one, starting today). */
  initial: AbsenceInput | null;
  previous: PreviousAbsence | null;
  rectification?: string;
  /** Main's findings from its last refusal. */
  refused: Finding[];
  /** Called on every edit: main's verdict was on the form as it was, the rules take over again. */
  onEdit: () => void;
}): AbsenceForm {
  const today = useToday();
  const [values, setValues] = useState<AbsenceValues>(() => ({
    type: initial?.type ?? null,
    start: initial ? initial.start : today,
    end: initial?.end ?? null,
    notificationDate: initial?.notificationDate ?? today,
    comment: initial?.comment ?? '',
    rectification,
  }));
  const [touched, setTouched] = useState<AbsenceForm['touched']>({});
  const set = <K extends keyof AbsenceValues>(key: K, value: AbsenceValues[K]) => {
    onEdit();
    setTouched((t) => (t[key] ? t : { ...t, [key]: true }));
    setValues((v) => ({ ...v, [key]: value }));
  };

  const editsPeriod = action !== 'delete';
  // The same day main judges the command as of (shared/rules absenceAsOf).
  const asOf = absenceAsOf({ action, start: values.start }, today);
  const ctx = useRuleContext(citizen, asOf);
  const types = useMemo(
    () => (ctx && editsPeriod ? absenceTypesFor(ctx, asOf, today).map((t) => ({ id: t.id, name: t.name, caution: absenceTypeCaution(t.id, ctx, today) })) : []),
    [ctx, editsPeriod, asOf, today],
  );
  const typeOffered = !editsPeriod || values.type === null || types.some((t) => t.id === values.type);
  const consequences = useMemo(() => (ctx && editsPeriod && values.type !== null ? consequencesOfAbsence(values.type, ctx) : []), [ctx, editsPeriod, values.type]);
  const local = useMemo(() => (ctx ? checkAbsence(absenceCheckInput(action, values, previous, today), ctx) : []), [ctx, action, values, previous, today]);
  const shown = withServerFindings(local, refused);
  const command = hasErrors(shown) || !typeOffered ? null : absenceCommand(action, values, initial?.endReason ?? null);
  return { action, values, set, previous, types, typeOffered, consequences, shown, touched, command };
}

/** The fields of `form`, with their findings beside them; ids start with `idPrefix`. */
export function AbsenceFields({ form, idPrefix, headingLevel = 4 }: { form: AbsenceForm; idPrefix: string; headingLevel?: 3 | 4 }) {
  const codes = useCodes();
  const { action, values, set, previous, types, typeOffered, consequences } = form;
  const fid = (f: string) => findingsId(idPrefix, f);
  const id = (f: string) => `${idPrefix}-${f}`;
  // A deletion's comment is required: the label says so, and the finding waits until the field is edited.
  const shown = action === 'delete' && !form.touched.rectification ? form.shown.filter((f) => f.field !== 'rectificationComment') : form.shown;
  const placed = action === 'delete' ? ['rectificationComment'] : ['type', 'start', 'end', 'notificationDate', 'comment', 'rectificationComment'];
  const other = shown.filter((f) => !f.field || !placed.includes(f.field));
  const Heading = headingLevel === 3 ? 'h3' : 'h4';

  return (
    <>
      {action === 'delete' && previous && (
        <p>
          {codes.label('AbsenceTypeIdentifier', previous.type, 'Fraværstype')}, {formatDate(previous.start)} – {previous.end ? formatDate(previous.end) : 'ingen slutdato'}
        </p>
      )}
      {action !== 'delete' && (
        <>
          <div className="field-row">
            <DateField id={id('start')} label="Startdato" value={values.start} onChange={(v) => set('start', v)} required describedBy={fid('start')} />
            <DateField id={id('end')} label="Slutdato" value={values.end} onChange={(v) => set('end', v)} describedBy={fid('end')} />
            <DateField id={id('notified')} label="Anmeldelsesdato" value={values.notificationDate} onChange={(v) => set('notificationDate', v)} required describedBy={fid('notificationDate')} />
          </div>
          <FieldFindings id={fid('start')} findings={forField(shown, 'start')} />
          <FieldFindings id={fid('end')} findings={forField(shown, 'end')} />
          <FieldFindings id={fid('notificationDate')} findings={forField(shown, 'notificationDate')} />
          <div className="field">
            <label htmlFor={id('type')}>Fraværstype</label>
            <select
              id={id('type')}
              value={values.type ?? ''}
              onChange={(e) => set('type', e.target.value === '' ? null : Number(e.target.value))}
              aria-describedby={`${fid('type')} ${id('type-hint')}`}
            >
              <option value="">Vælg fraværstype …</option>
              {!typeOffered && values.type !== null && <option value={values.type}>{values.type} (kan ikke bruges på datoen)</option>}
              {types.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.id} – {t.name}
                  {t.caution ? ` (${t.caution})` : ''}
                </option>
              ))}
            </select>
            <span id={id('type-hint')} className="hint">
              Typer, som DFDG ifølge STAR ikke tager imod for borgeren på datoen, vises ikke. Typer, som DFDG måske afviser for borgeren, er markeret »antaget«: de kan vælges.
            </span>
            {!typeOffered && (
              <p className="field-error" role="status">
                Den valgte type kan ikke bruges for borgeren på startdatoen. Vælg en anden type.
              </p>
            )}
            <FieldFindings id={fid('type')} findings={forField(shown, 'type')} />
          </div>
          {consequences.length > 0 && (
            <div className="consequences" role="note" aria-labelledby={id('consequences-title')}>
              <Heading id={id('consequences-title')}>Det betyder registreringen for borgeren</Heading>
              <ul>
                {consequences.map((c) => (
                  <li key={c.id}>{c.text}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="field">
            <label htmlFor={id('comment')}>Kommentar</label>
            <textarea id={id('comment')} rows={3} maxLength={1500} value={values.comment} onChange={(e) => set('comment', e.target.value)} aria-describedby={fid('comment')} />
            <FieldFindings id={fid('comment')} findings={forField(shown, 'comment')} />
          </div>
        </>
      )}
      {action !== 'create' && (
        <div className="field">
          <label htmlFor={id('rectification')}>{action === 'delete' ? 'Berigtigelseskommentar (skal udfyldes)' : 'Berigtigelseskommentar'}</label>
          <textarea
            id={id('rectification')}
            rows={action === 'delete' ? 3 : 2}
            maxLength={1500}
            value={values.rectification}
            onChange={(e) => set('rectification', e.target.value)}
            aria-required={action === 'delete' ? 'true' : undefined}
            aria-describedby={`${fid('rectificationComment')} ${id('rectification-hint')}`}
            data-autofocus={action === 'delete' ? true : undefined}
          />
          <span id={id('rectification-hint')} className="hint">
            {action === 'delete' ? 'Forklar, hvorfor fraværet slettes.' : 'Forklar, hvad der rettes og hvorfor. Den gemmes i DFDG sammen med rettelsen.'}
          </span>
          <FieldFindings id={fid('rectificationComment')} findings={forField(shown, 'rectificationComment')} />
        </div>
      )}
      {other.length > 0 && <FieldFindings id={fid('general')} findings={other} />}
    </>
  );
}
