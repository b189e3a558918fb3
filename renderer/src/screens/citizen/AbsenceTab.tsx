// Fravær: current, future and historic absence; register, correct and delete (deleting needs the
// rectification comment DFDG requires). The type picker leaves out what a seed or a document says
// DFDG refuses for the citizen and marks what it may refuse (assumed), and the form shows what the type
// means for the citizen before it is saved. Findings come from the shared rules; main checks them again.
import { useMemo, useState } from 'react';
import type { Absence } from '../../../../shared/domain';
import { consequencesOfAbsence } from '../../../../shared/rules';
import { formatDate } from '../../../../shared/dates';
import { call, ipcError } from '../../lib/bridge';
import { useCodes } from '../../lib/codes';
import { authorityText } from '../../lib/format';
import { useRuleContext, useToday } from '../../lib/ruleContext';
import { useAction } from '../../lib/useAction';
import { useAsync } from '../../lib/useAsync';
import { useApp } from '../../stores/app';
import { ErrorText } from '../../components/ErrorText';
import { Modal } from '../../components/Modal';
import { useCitizen } from './context';
import { Freshness } from './Freshness';
import { AbsenceFields, useAbsenceForm, type AbsenceCommand } from './AbsenceFields';
import { CommandForm } from '../../components/CommandForm';

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
  const announce = useApp((s) => s.announce);
  const existing = editing.mode === 'update' ? editing.absence : null;
  const save = useAction(async (command: AbsenceCommand) => {
    if (command.action === 'update' && existing) {
      await call('absences.update', { cpr, absenceId: existing.id, input: command.input, rectificationComment: command.rectificationComment });
      announce('Rettelsen er lagt i udbakken og sendes til DFDG.');
    } else if (command.action === 'create') {
      await call('absences.create', { cpr, input: command.input });
      announce('Fraværet er lagt i udbakken og sendes til DFDG.');
    }
    onDone();
  });
  const form = useAbsenceForm({
    action: editing.mode,
    citizen,
    initial: existing,
    previous: existing,
    refused: ipcError(save.error)?.findings ?? [],
    onEdit: save.reset,
  });

  return (
    <CommandForm
      className="absence-form"
      titleId="absence-form-title"
      title={existing ? 'Ret fravær' : 'Registrér fravær'}
      submitLabel={existing ? 'Gem rettelse' : 'Registrér'}
      command={form.command}
      save={save}
      unsaved={Object.keys(form.touched).length > 0}
      unsavedText="Fraværet er ikke gemt. Gem det, eller annullér, før du går tilbage."
      onCancel={onCancel}
    >
      <AbsenceFields form={form} idPrefix="absence" />
    </CommandForm>
  );
}

function DeleteAbsence({ absence, onDone, onCancel }: { absence: Absence; onDone: () => void; onCancel: () => void }) {
  const { cpr, citizen } = useCitizen();
  const announce = useApp((s) => s.announce);
  const remove = useAction(async (rectificationComment: string) => {
    await call('absences.delete', { cpr, absenceId: absence.id, rectificationComment });
    announce('Sletningen er lagt i udbakken og sendes til DFDG.');
    onDone();
  });
  const form = useAbsenceForm({ action: 'delete', citizen, initial: null, previous: absence, refused: ipcError(remove.error)?.findings ?? [], onEdit: remove.reset });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (form.command?.action === 'delete') void remove.run(form.command.rectificationComment);
  };

  return (
    <Modal title="Slet fravær" onClose={onCancel}>
      <form onSubmit={submit}>
        <AbsenceFields form={form} idPrefix="absence-delete" />
        <ErrorText error={remove.error} />
        <div className="actions">
          <button type="submit" className="danger" disabled={!form.command || remove.pending}>
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
