// Fravær: current, future and historic absence; register, correct and delete (deleting needs the
// rectification comment DFDG requires). The type picker offers only the types valid for the
// citizen's contact group on the chosen start date, and the form shows what the type means for the
// citizen before it is saved. Findings come from the shared rules; main checks them again.
import { useMemo, useState } from 'react';
import type { Absence, AbsenceInput } from '../../../../shared/domain';
import { absenceTypesFor, checkAbsence, consequencesOfAbsence } from '../../../../shared/rules';
import { formatDate } from '../../../../shared/dates';
import { call, ipcError } from '../../lib/bridge';
import { useCodes } from '../../lib/codes';
import { authorityText } from '../../lib/format';
import { useRuleContext, useToday } from '../../lib/ruleContext';
import { useAction } from '../../lib/useAction';
import { useAsync } from '../../lib/useAsync';
import { useApp } from '../../stores/app';
import { DateField } from '../../components/DateField';
import { ErrorText } from '../../components/ErrorText';
import { FieldFindings, findingsId, forField, hasErrors, withServerFindings } from '../../components/Findings';
import { Modal } from '../../components/Modal';
import { useCitizen } from './context';
import { Freshness } from './Freshness';

type Editing = { mode: 'create' } | { mode: 'update'; absence: Absence } | null;

export function AbsenceTab() {
  const { cpr, citizen, version, changed } = useCitizen();
  const today = useToday();
  const codes = useCodes();
  const ruleCtx = useRuleContext(citizen);
  const list = useAsync(() => call('absences.list', { cpr }), [cpr, version]);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Absence | null>(null);

  const groups = useMemo(() => {
    const all = [...(list.data?.absences ?? [])].sort((a, b) => (a.start < b.start ? 1 : -1));
    return {
      current: all.filter((a) => a.start <= today && (a.end === null || a.end >= today)),
      future: all.filter((a) => a.start > today),
      historic: all.filter((a) => a.end !== null && a.end < today),
    };
  }, [list.data, today]);

  const done = () => {
    setEditing(null);
    setDeleting(null);
    list.reload();
    changed();
  };

  const table = (title: string, id: string, rows: Absence[]) => (
    <section aria-labelledby={id} className="absence-group">
      <h3 id={id}>
        {title} ({rows.length})
      </h3>
      {rows.length === 0 ? (
        <p className="hint">Ingen.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Periode</th>
              <th scope="col">Anmeldt</th>
              <th scope="col">Kommentar</th>
              <th scope="col">Registreret af</th>
              <th scope="col">
                <span className="visually-hidden">Handlinger</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => {
              const typeName = codes.label('AbsenceTypeIdentifier', a.type, 'Fraværstype');
              // Sickness (11) comes from DFDG's IllnessCompositeService: shown with the rules' note, never changed here.
              const elsewhere = ruleCtx ? consequencesOfAbsence(a.type, ruleCtx).find((k) => k.id === 'registered-elsewhere')?.text : undefined;
              return (
                <tr key={a.id}>
                  <td>
                    {typeName}
                    {a.pendingCommandId && <span className="badge">Venter på afsendelse</span>}
                    {elsewhere && <p className="hint">{elsewhere}</p>}
                  </td>
                  <td>
                    {formatDate(a.start)} – {a.end ? formatDate(a.end) : 'ingen slutdato'}
                  </td>
                  <td>{formatDate(a.notificationDate)}</td>
                  <td className="pre">{a.comment ?? ''}</td>
                  <td>{a.registeredBy ? authorityText(a.registeredBy.organisationType, a.registeredBy.organisationCode) : ''}</td>
                  <td className="actions">
                    {!elsewhere && (
                      <>
                        <button type="button" onClick={() => setEditing({ mode: 'update', absence: a })} aria-label={`Ret ${typeName} fra ${formatDate(a.start)}`}>
                          Ret
                        </button>
                        <button type="button" onClick={() => setDeleting(a)} aria-label={`Slet ${typeName} fra ${formatDate(a.start)}`}>
                          Slet
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );

  return (
    <div className="absence">
      <div className="tab-head">
        <h2>Fravær og fritagelser</h2>
        <button type="button" className="primary" onClick={() => setEditing({ mode: 'create' })} disabled={editing !== null}>
          Registrér fravær
        </button>
      </div>
      {list.data && <Freshness freshness={list.data.freshness} />}
      {editing && <AbsenceForm key={editing.mode === 'update' ? editing.absence.id : 'new'} editing={editing} onDone={done} onCancel={() => setEditing(null)} />}
      <ErrorText error={list.error} />
      {list.loading && !list.data && <p>Henter fravær …</p>}
      {list.data && (
        <>
          {table('Aktuelt fravær', 'abs-current', groups.current)}
          {table('Fremtidigt fravær', 'abs-future', groups.future)}
          {table('Historisk fravær', 'abs-historic', groups.historic)}
        </>
      )}
      {deleting && <DeleteAbsence absence={deleting} onDone={done} onCancel={() => setDeleting(null)} />}
    </div>
  );
}

function AbsenceForm({ editing, onDone, onCancel }: { editing: NonNullable<Editing>; onDone: () => void; onCancel: () => void }) {
  const { cpr, citizen } = useCitizen();
  const today = useToday();
  const announce = useApp((s) => s.announce);
  const existing = editing.mode === 'update' ? editing.absence : null;
  const [type, setType] = useState<number | null>(existing?.type ?? null);
  const [start, setStart] = useState<string | null>(existing?.start ?? today);
  const [end, setEnd] = useState<string | null>(existing?.end ?? null);
  const [notificationDate, setNotificationDate] = useState<string | null>(existing?.notificationDate ?? today);
  const [comment, setComment] = useState(existing?.comment ?? '');
  const [rectification, setRectification] = useState('');
  const save = useAction(async (input: AbsenceInput) => {
    if (existing) {
      await call('absences.update', { cpr, absenceId: existing.id, input, rectificationComment: rectification.trim() || null });
      announce('Rettelsen er lagt i udbakken og sendes til DFDG.');
    } else {
      await call('absences.create', { cpr, input });
      announce('Fraværet er lagt i udbakken og sendes til DFDG.');
    }
    onDone();
  });
  // Main's verdict was on the form as it was: any edit hands the checking back to the local rules
  // (otherwise a refusal, e.g. a missing rectification comment, kept Save disabled after the fix).
  const resetSave = save.reset;
  const edited =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      resetSave();
      set(v);
    };

  // Types are offered as of the start date (validity and contact group on that day).
  const asOf = start ?? today;
  const ctx = useRuleContext(citizen, asOf);
  const types = useMemo(() => (ctx ? absenceTypesFor(ctx, asOf) : []), [ctx, asOf]);
  const typeOffered = type === null || types.some((t) => t.id === type);
  const consequences = useMemo(() => (ctx && type !== null ? consequencesOfAbsence(type, ctx) : []), [ctx, type]);
  const findings = useMemo(
    () =>
      ctx
        ? checkAbsence(
            {
              action: editing.mode,
              type,
              start: start ?? '',
              end,
              today,
              previousType: existing?.type ?? null,
              previousStart: existing?.start ?? null,
              comment: comment || null,
              rectificationComment: rectification || null,
            },
            ctx,
          )
        : [],
    [ctx, editing.mode, type, start, end, today, existing, comment, rectification],
  );
  const shown = withServerFindings(findings, ipcError(save.error)?.findings ?? []);
  const placed = ['type', 'start', 'end', 'comment', 'rectificationComment', 'notificationDate'];
  const other = shown.filter((f) => !f.field || !placed.includes(f.field));
  const blocked = hasErrors(shown) || !typeOffered || type === null || !start || !notificationDate;

  const F = 'absence';
  const fid = (f: string) => findingsId(F, f);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (blocked || type === null || !start || !notificationDate) return;
    void save.run({ type, start, end, comment: comment.trim() ? comment : null, notificationDate, endReason: existing?.endReason ?? null });
  };

  return (
    <form className="absence-form" onSubmit={submit} aria-labelledby="absence-form-title">
      <h3 id="absence-form-title">{existing ? 'Ret fravær' : 'Registrér fravær'}</h3>
      <div className="field-row">
        <DateField id="absence-start" label="Startdato" value={start} onChange={edited(setStart)} required describedBy={fid('start')} />
        <DateField id="absence-end" label="Slutdato" value={end} onChange={edited(setEnd)} describedBy={fid('end')} />
        <DateField id="absence-notified" label="Anmeldelsesdato" value={notificationDate} onChange={edited(setNotificationDate)} required describedBy={fid('notificationDate')} />
      </div>
      <FieldFindings id={fid('start')} findings={forField(shown, 'start')} />
      <FieldFindings id={fid('end')} findings={forField(shown, 'end')} />
      <FieldFindings id={fid('notificationDate')} findings={forField(shown, 'notificationDate')} />
      <div className="field">
        <label htmlFor="absence-type">Fraværstype</label>
        <select id="absence-type" value={type ?? ''} onChange={(e) => edited(setType)(e.target.value === '' ? null : Number(e.target.value))} aria-describedby={`${fid('type')} absence-type-hint`}>
          <option value="">Vælg fraværstype …</option>
          {!typeOffered && type !== null && <option value={type}>{type} (kan ikke bruges på datoen)</option>}
          {types.map((t) => (
            <option key={t.id} value={t.id}>
              {t.id} – {t.name}
            </option>
          ))}
        </select>
        <span id="absence-type-hint" className="hint">
          Kun de typer, der kan bruges for borgerens kontaktgruppe på startdatoen, vises.
        </span>
        {!typeOffered && (
          <p className="field-error" role="status">
            Den valgte type kan ikke bruges for borgeren på startdatoen. Vælg en anden type.
          </p>
        )}
        <FieldFindings id={fid('type')} findings={forField(shown, 'type')} />
      </div>
      {consequences.length > 0 && (
        <div className="consequences" role="note" aria-labelledby="absence-consequences-title">
          <h4 id="absence-consequences-title">Det betyder registreringen for borgeren</h4>
          <ul>
            {consequences.map((c) => (
              <li key={c.id}>{c.text}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="field">
        <label htmlFor="absence-comment">Kommentar</label>
        <textarea id="absence-comment" rows={3} maxLength={1500} value={comment} onChange={(e) => edited(setComment)(e.target.value)} aria-describedby={fid('comment')} />
        <FieldFindings id={fid('comment')} findings={forField(shown, 'comment')} />
      </div>
      {existing && (
        <div className="field">
          <label htmlFor="absence-rectification">Berigtigelseskommentar</label>
          <textarea id="absence-rectification" rows={2} maxLength={1500} value={rectification} onChange={(e) => edited(setRectification)(e.target.value)} aria-describedby={`${fid('rectificationComment')} absence-rect-hint`} />
          <span id="absence-rect-hint" className="hint">
            Forklar, hvad der rettes og hvorfor. Den gemmes i DFDG sammen med rettelsen.
          </span>
          <FieldFindings id={fid('rectificationComment')} findings={forField(shown, 'rectificationComment')} />
        </div>
      )}
      {other.length > 0 && <FieldFindings id={fid('general')} findings={other} />}
      <ErrorText error={save.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={blocked || save.pending}>
          {existing ? 'Gem rettelse' : 'Registrér'}
        </button>
        <button type="button" onClick={onCancel}>
          Annullér
        </button>
      </div>
    </form>
  );
}

function DeleteAbsence({ absence, onDone, onCancel }: { absence: Absence; onDone: () => void; onCancel: () => void }) {
  const { cpr, citizen } = useCitizen();
  const today = useToday();
  const codes = useCodes();
  const announce = useApp((s) => s.announce);
  const ctx = useRuleContext(citizen);
  const [comment, setComment] = useState('');
  const findings = useMemo(
    () => (ctx ? checkAbsence({ action: 'delete', type: absence.type, start: absence.start, end: absence.end, today, rectificationComment: comment || null }, ctx) : []),
    [ctx, absence, today, comment],
  );
  const blocked = hasErrors(findings) || comment.trim() === '';

  const remove = useAction(async () => {
    await call('absences.delete', { cpr, absenceId: absence.id, rectificationComment: comment.trim() });
    announce('Sletningen er lagt i udbakken og sendes til DFDG.');
    onDone();
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!blocked) void remove.run();
  };

  return (
    <Modal title="Slet fravær" onClose={onCancel}>
      <form onSubmit={submit}>
        <p>
          {codes.label('AbsenceTypeIdentifier', absence.type, 'Fraværstype')}, {formatDate(absence.start)} – {absence.end ? formatDate(absence.end) : 'ingen slutdato'}
        </p>
        <div className="field">
          <label htmlFor="delete-rectification">Berigtigelseskommentar (skal udfyldes)</label>
          <textarea
            id="delete-rectification"
            rows={3}
            maxLength={1500}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            aria-required="true"
            aria-describedby={findingsId('delete', 'rectificationComment')}
            data-autofocus
          />
        </div>
        <FieldFindings id={findingsId('delete', 'rectificationComment')} findings={findings.filter((f) => comment.trim() !== '' || f.field !== 'rectificationComment')} />
        <ErrorText error={remove.error} />
        <div className="actions">
          <button type="submit" className="danger" disabled={blocked || remove.pending}>
            Slet fraværet
          </button>
          <button type="button" onClick={onCancel}>
            Annullér
          </button>
        </div>
      </form>
    </Modal>
  );
}
