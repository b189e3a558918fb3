// The fields of a meeting invitation (indkaldelse) and their live findings: one form for the Møder
// tab (create, rebook) and the outbox's "Ret og send igen" for a rejected meeting command, so the two
// cannot drift. useMeetingForm keeps the values and runs the shared rules (shared/rules/meetings.ts)
// as the caseworker types, as main runs them again; <MeetingFields> shows them; meetingCommand()
// builds what main queues. Only the meeting forms valid on the meeting's date are offered (4 and 5
// retired from 19-09-2022, 6 and 7 earlier); form 8 "Digitalt møde" asks for the link; an empty
// "Lokationsuddybning" is never sent (left out instead, seed 001).
import { useMemo, useState } from 'react';
import type { Citizen, Finding, Meeting, MeetingInput } from '../../../../shared/domain';
import { checkMeeting, interviewTypesFor, meetingFormsFor } from '../../../../shared/rules';
import { toCopenhagenDateTime } from '../../../../shared/dates';
import { useCodes } from '../../lib/codes';
import { useRuleContext, useToday } from '../../lib/ruleContext';
import { DateField } from '../../components/DateField';
import { FieldFindings, findingsId, forField, hasErrors, withServerFindings } from '../../components/Findings';

export interface MeetingValues {
  interviewType: number | null;
  date: string | null;
  startTime: string;
  endTime: string;
  form: number | null;
  location: string;
  locationDetail: string;
  digitalLink: string;
  rebookingPossible: boolean;
  rebookingDate: string | null;
  rebookingTime: string;
  cancelPossible: boolean;
  cancelDate: string | null;
  cancelTime: string;
  participants: { name: string; contactDetails: string }[];
}

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const at = (date: string | null, time: string) => (date && TIME_RE.test(time) ? `${date}T${time}` : null);
const split = (dt: string | null | undefined): [string | null, string] => {
  const local = dt ? toCopenhagenDateTime(dt) : null;
  return local ? [local.slice(0, 10), local.slice(11, 16)] : [null, ''];
};

/** Minutes between two 'HH:MM' times on the same day (null when unreadable or not after). */
export function durationOf(start: string, end: string): number | null {
  if (!TIME_RE.test(start) || !TIME_RE.test(end)) return null;
  const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const d = m(end) - m(start);
  return d > 0 ? d : null;
}

/** 'HH:MM' plus minutes (null past midnight or unreadable). */
export function endAfter(start: string, minutes: number): string | null {
  if (!TIME_RE.test(start) || !Number.isInteger(minutes) || minutes <= 0) return null;
  const total = Number(start.slice(0, 2)) * 60 + Number(start.slice(3, 5)) + minutes;
  if (total >= 24 * 60) return null;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** The form's values from a meeting (rebooking) or a command's input (outbox), or a new one. */
export function meetingValues(from: Meeting | MeetingInput | null): MeetingValues {
  const [date, startTime] = split(from?.start);
  const [, endTime] = split(from?.end);
  const [rebookingDate, rebookingTime] = split(from?.rebookingDeadline);
  const [cancelDate, cancelTime] = split(from?.cancelDeadline);
  return {
    interviewType: from?.interviewType ?? null,
    date,
    startTime,
    endTime,
    form: from?.form ?? null,
    location: from?.location ?? '',
    locationDetail: from?.locationDetail ?? '',
    digitalLink: from?.digitalLink ?? '',
    rebookingPossible: from?.rebookingPossible ?? false,
    rebookingDate,
    rebookingTime,
    cancelPossible: from?.cancelPossible ?? false,
    cancelDate,
    cancelTime,
    participants: (from?.participants ?? []).map((p) => ({ name: p.name, contactDetails: p.contactDetails ?? '' })),
  };
}

/**
 * What main queues; null while a required field is empty. Text fields left blank are left out (null):
 * never an empty "Lokationsuddybning". A link is sent only for a form that takes one.
 */
export function meetingCommand(v: MeetingValues, formTakesLink: boolean): MeetingInput | null {
  const start = at(v.date, v.startTime);
  if (v.interviewType === null || v.form === null || start === null) return null;
  const text = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    interviewType: v.interviewType,
    start,
    end: at(v.date, v.endTime),
    form: v.form,
    location: text(v.location),
    locationDetail: text(v.locationDetail),
    digitalLink: formTakesLink ? text(v.digitalLink) : null,
    rebookingPossible: v.rebookingPossible,
    rebookingDeadline: v.rebookingPossible ? at(v.rebookingDate, v.rebookingTime) : null,
    cancelPossible: v.cancelPossible,
    cancelDeadline: v.cancelPossible ? at(v.cancelDate, v.cancelTime) : null,
    participants: v.participants.filter((p) => p.name.trim() !== '').map((p) => ({ name: p.name.trim(), contactDetails: text(p.contactDetails) })),
  };
}

export interface MeetingForm {
  values: MeetingValues;
  set: <K extends keyof MeetingValues>(key: K, value: MeetingValues[K]) => void;
  types: { id: number; name: string }[];
  forms: { id: number; name: string; requiresLink: boolean }[];
  formOffered: boolean;
  formTakesLink: boolean;
  /** The rules' findings and main's (after a refusal, until the next edit). */
  shown: Finding[];
  /** What to send, or null while the form is not ready. */
  command: MeetingInput | null;
  touched: boolean;
}

export function useMeetingForm({
  citizen,
  initial,
  absences,
  refused,
  onEdit,
}: {
  citizen: Citizen | null;
  initial: Meeting | MeetingInput | null;
  /** The citizen's absences (for the self-booking exemption). */
  absences: { type: number; start: string; end: string | null }[];
  refused: Finding[];
  onEdit: () => void;
}): MeetingForm {
  const today = useToday();
  const [values, setValues] = useState<MeetingValues>(() => {
    const v = meetingValues(initial);
    return initial ? v : { ...v, date: today };
  });
  const [touched, setTouched] = useState(false);
  const set = <K extends keyof MeetingValues>(key: K, value: MeetingValues[K]) => {
    onEdit();
    setTouched(true);
    setValues((v) => ({ ...v, [key]: value }));
  };
  const ctx = useRuleContext(citizen);
  const types = useMemo(() => (ctx ? interviewTypesFor(ctx).map((t) => ({ id: t.id, name: t.name })) : []), [ctx]);
  // The forms valid on the meeting's date (a form retired by then is not offered).
  const forms = useMemo(
    () => (ctx ? meetingFormsFor(ctx, values.date ?? undefined).map((f) => ({ id: f.id, name: f.name, requiresLink: (f as { requiresLink?: boolean }).requiresLink === true })) : []),
    [ctx, values.date],
  );
  const formOffered = values.form === null || forms.some((f) => f.id === values.form);
  const formTakesLink = forms.some((f) => f.id === values.form && f.requiresLink);
  const command = meetingCommand(values, formTakesLink);
  const local = useMemo(() => {
    if (!ctx) return [];
    return checkMeeting(
      {
        form: values.form,
        link: formTakesLink ? values.digitalLink : null,
        // What would be sent: null when blank (the rules refuse only a "" that would go on the wire).
        locationDetail: command?.locationDetail ?? null,
        interviewType: values.interviewType,
        start: at(values.date, values.startTime) ?? values.date,
        end: at(values.date, values.endTime),
        rebookingPossible: values.rebookingPossible,
        rebookingDeadline: values.rebookingPossible ? (at(values.rebookingDate, values.rebookingTime) ?? values.rebookingDate) : null,
        cancelPossible: values.cancelPossible,
        cancelDeadline: values.cancelPossible ? (at(values.cancelDate, values.cancelTime) ?? values.cancelDate) : null,
        absences,
      },
      ctx,
    );
  }, [ctx, values, formTakesLink, command?.locationDetail, absences]);
  const shown = withServerFindings(local, refused);
  return { values, set, types, forms, formOffered, formTakesLink, shown, command: hasErrors(shown) || !formOffered ? null : command, touched };
}

/** The fields of `form`, with their findings beside them; ids start with `idPrefix`. */
export function MeetingFields({ form, idPrefix, headingLevel = 4 }: { form: MeetingForm; idPrefix: string; headingLevel?: 3 | 4 }) {
  const codes = useCodes();
  const { values, set, types, forms, formOffered, formTakesLink, shown } = form;
  const fid = (f: string) => findingsId(idPrefix, f);
  const id = (f: string) => `${idPrefix}-${f}`;
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const errorsAndWarnings = shown.filter((f) => f.severity !== 'info');
  const consequences = shown.filter((f) => f.severity === 'info');
  const placed = ['interviewType', 'start', 'end', 'form', 'link', 'locationDetail', 'rebookingDeadline', 'cancelDeadline'];
  const other = errorsAndWarnings.filter((f) => !f.field || !placed.includes(f.field));
  const duration = durationOf(values.startTime, values.endTime);
  const setParticipant = (i: number, patch: Partial<MeetingValues['participants'][number]>) =>
    set(
      'participants',
      values.participants.map((p, k) => (k === i ? { ...p, ...patch } : p)),
    );

  return (
    <>
      <div className="field">
        <label htmlFor={id('type')}>Samtaletype (skal udfyldes)</label>
        <select id={id('type')} value={values.interviewType ?? ''} onChange={(e) => set('interviewType', e.target.value === '' ? null : Number(e.target.value))} aria-describedby={fid('interviewType')}>
          <option value="">Vælg samtaletype …</option>
          {values.interviewType !== null && !types.some((t) => t.id === values.interviewType) && (
            <option value={values.interviewType}>{codes.label('InterviewTypeIdentifier', values.interviewType, 'Samtaletype')}</option>
          )}
          {types.map((t) => (
            <option key={t.id} value={t.id}>
              {t.id} – {t.name}
            </option>
          ))}
        </select>
        <FieldFindings id={fid('interviewType')} findings={forField(errorsAndWarnings, 'interviewType')} />
      </div>
      <div className="field-row">
        <DateField id={id('date')} label="Dato" value={values.date} onChange={(v) => set('date', v)} required describedBy={fid('start')} />
        <div className="field">
          <label htmlFor={id('start')}>Starttid (skal udfyldes)</label>
          <input id={id('start')} type="time" value={values.startTime} onChange={(e) => set('startTime', e.target.value)} aria-describedby={fid('start')} />
        </div>
        <div className="field">
          <label htmlFor={id('end')}>Sluttid</label>
          <input id={id('end')} type="time" value={values.endTime} onChange={(e) => set('endTime', e.target.value)} aria-describedby={fid('end')} />
        </div>
        <div className="field">
          <label htmlFor={id('duration')}>eller varighed (minutter)</label>
          <input
            id={id('duration')}
            type="number"
            min={5}
            max={720}
            step={5}
            value={duration ?? ''}
            onChange={(e) => {
              const end = endAfter(values.startTime, Number(e.target.value));
              set('endTime', end ?? '');
            }}
            disabled={!TIME_RE.test(values.startTime)}
            aria-describedby={id('duration-hint')}
          />
          <span id={id('duration-hint')} className="hint">
            Sætter sluttiden ud fra starttiden.
          </span>
        </div>
      </div>
      <FieldFindings id={fid('start')} findings={forField(errorsAndWarnings, 'start')} />
      <FieldFindings id={fid('end')} findings={forField(errorsAndWarnings, 'end')} />
      <div className="field">
        <label htmlFor={id('form')}>Mødeform (skal udfyldes)</label>
        <select id={id('form')} value={values.form ?? ''} onChange={(e) => set('form', e.target.value === '' ? null : Number(e.target.value))} aria-describedby={`${fid('form')} ${id('form-hint')}`}>
          <option value="">Vælg mødeform …</option>
          {!formOffered && values.form !== null && (
            <option value={values.form}>
              {codes.label('InterviewContactTypeIdentifier', values.form, 'Mødeform')} (kan ikke bruges på datoen)
            </option>
          )}
          {forms.map((f) => (
            <option key={f.id} value={f.id}>
              {f.id} – {f.name}
            </option>
          ))}
        </select>
        <span id={id('form-hint')} className="hint">
          Kun mødeformer, der gælder på mødedagen, vises (4 og 5 er udgået og erstattet af 8 og 9).
        </span>
        {!formOffered && (
          <p className="field-error" role="status">
            Den valgte mødeform kan ikke bruges på mødedagen. Vælg en anden mødeform.
          </p>
        )}
        <FieldFindings id={fid('form')} findings={forField(errorsAndWarnings, 'form')} />
      </div>
      {formTakesLink && (
        <div className="field">
          <label htmlFor={id('link')}>Link til det digitale møde (skal udfyldes)</label>
          <input
            id={id('link')}
            type="url"
            maxLength={2048}
            value={values.digitalLink}
            onChange={(e) => set('digitalLink', e.target.value)}
            aria-describedby={`${fid('link')} ${id('link-hint')}`}
            aria-required="true"
          />
          <span id={id('link-hint')} className="hint">
            Linket vises for borgeren på Jobnet.
          </span>
          <FieldFindings id={fid('link')} findings={forField(errorsAndWarnings, 'link')} />
        </div>
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor={id('location')}>Sted</label>
          <input id={id('location')} type="text" maxLength={256} value={values.location} onChange={(e) => set('location', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={id('locationDetail')}>Lokationsuddybning</label>
          <input
            id={id('locationDetail')}
            type="text"
            maxLength={256}
            value={values.locationDetail}
            onChange={(e) => set('locationDetail', e.target.value)}
            aria-describedby={`${fid('locationDetail')} ${id('locationDetail-hint')}`}
          />
          <span id={id('locationDetail-hint')} className="hint">
            Fx indgang eller lokale. Tom: feltet sendes ikke til DFDG.
          </span>
          <FieldFindings id={fid('locationDetail')} findings={forField(errorsAndWarnings, 'locationDetail')} />
        </div>
      </div>
      <fieldset className="field">
        <legend>Ombooking og aflysning</legend>
        <label>
          <input type="checkbox" checked={values.rebookingPossible} onChange={(e) => set('rebookingPossible', e.target.checked)} /> Borgeren må ombooke
        </label>
        {values.rebookingPossible && (
          <div className="field-row">
            <DateField id={id('rebook-date')} label="Ombookingsfrist, dato" value={values.rebookingDate} onChange={(v) => set('rebookingDate', v)} required describedBy={fid('rebookingDeadline')} />
            <div className="field">
              <label htmlFor={id('rebook-time')}>Ombookingsfrist, tid</label>
              <input id={id('rebook-time')} type="time" value={values.rebookingTime} onChange={(e) => set('rebookingTime', e.target.value)} aria-describedby={fid('rebookingDeadline')} />
            </div>
          </div>
        )}
        <FieldFindings id={fid('rebookingDeadline')} findings={forField(errorsAndWarnings, 'rebookingDeadline')} />
        <label>
          <input type="checkbox" checked={values.cancelPossible} onChange={(e) => set('cancelPossible', e.target.checked)} /> Borgeren må aflyse
        </label>
        {values.cancelPossible && (
          <div className="field-row">
            <DateField id={id('cancel-date')} label="Aflysningsfrist, dato" value={values.cancelDate} onChange={(v) => set('cancelDate', v)} describedBy={fid('cancelDeadline')} />
            <div className="field">
              <label htmlFor={id('cancel-time')}>Aflysningsfrist, tid</label>
              <input id={id('cancel-time')} type="time" value={values.cancelTime} onChange={(e) => set('cancelTime', e.target.value)} aria-describedby={fid('cancelDeadline')} />
            </div>
          </div>
        )}
        <FieldFindings id={fid('cancelDeadline')} findings={forField(errorsAndWarnings, 'cancelDeadline')} />
      </fieldset>
      <fieldset className="field">
        <legend>Deltagende myndigheder</legend>
        {values.participants.length === 0 && <p className="hint">Ingen andre myndigheder deltager.</p>}
        {values.participants.map((p, i) => (
          <div className="field-row" key={i}>
            <div className="field">
              <label htmlFor={id(`participant-${i}-name`)}>Deltager {i + 1}, navn</label>
              <input id={id(`participant-${i}-name`)} type="text" maxLength={256} value={p.name} onChange={(e) => setParticipant(i, { name: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={id(`participant-${i}-contact`)}>Deltager {i + 1}, kontaktoplysninger</label>
              <input id={id(`participant-${i}-contact`)} type="text" maxLength={256} value={p.contactDetails} onChange={(e) => setParticipant(i, { contactDetails: e.target.value })} />
            </div>
            <button type="button" onClick={() => set('participants', values.participants.filter((_, k) => k !== i))} aria-label={`Fjern deltager ${i + 1}`}>
              Fjern
            </button>
          </div>
        ))}
        {values.participants.length < 10 && (
          <button type="button" onClick={() => set('participants', [...values.participants, { name: '', contactDetails: '' }])}>
            Tilføj deltager
          </button>
        )}
      </fieldset>
      {consequences.length > 0 && (
        <div className="consequences" role="note" aria-labelledby={id('consequences-title')}>
          <Heading id={id('consequences-title')}>Det betyder indkaldelsen for selvbooking</Heading>
          <ul>
            {consequences.map((c, i) => (
              <li key={`${c.ruleId}-${i}`}>{c.message}</li>
            ))}
          </ul>
        </div>
      )}
      {other.length > 0 && <FieldFindings id={fid('general')} findings={other} />}
    </>
  );
}
