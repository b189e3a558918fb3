// Møder: the citizen's meetings (interviews) as DFDG has them, newest first; create an invitation
// (indkaldelse), rebook or cancel one the organisation created. Each goes through the outbox: the row
// shows "Venter på afsendelse" until DFDG confirmed it. Findings come from the shared rules
// (MeetingFields); main checks them again.
import { useState } from 'react';
import { formatDateTime, toCopenhagenDate } from '../../../../shared/dates';
import type { Meeting, MeetingInput } from '../../../../shared/domain';
import { call, ipcError } from '../../lib/bridge';
import { useCodes } from '../../lib/codes';
import { useToday } from '../../lib/ruleContext';
import { useAction } from '../../lib/useAction';
import { useAsync } from '../../lib/useAsync';
import { useApp } from '../../stores/app';
import { ErrorText } from '../../components/ErrorText';
import { Modal } from '../../components/Modal';
import { useCitizen } from './context';
import { MeetingFields, useMeetingForm } from './MeetingFields';
import { RecordTable } from './RecordTable';
import { CommandForm } from '../../components/CommandForm';

const byStart = (m: Meeting) => m.start;

type Editing = { mode: 'create' } | { mode: 'update'; meeting: Meeting } | null;

export function MeetingsTab() {
  const { cpr, version, changed } = useCitizen();
  const codes = useCodes();
  const info = useApp((s) => s.info);
  const data = useAsync(() => call('meetings.list', { cpr }), [cpr, version]);
  const [editing, setEditing] = useState<Editing>(null);
  const [cancelling, setCancelling] = useState<Meeting | null>(null);
  const org = info?.identity?.organisation;
  const ownType = org?.type === 'akasse' ? 2 : 8;
  // Only the authority that created an invitation rebooks or cancels it (sandbox-contract.md "Meetings", assumed).
  const today = useToday();
  // A meeting that has taken place is history (DFDG refuses a start before today, 90002).
  const own = (m: Meeting) => !!org && m.organisation?.organisationCode === org.code && m.organisation.organisationType === ownType && (toCopenhagenDate(m.start) ?? '') >= today;

  const done = () => {
    setEditing(null);
    setCancelling(null);
    data.reload();
    changed();
  };

  return (
    <>
      <RecordTable
        title="Møder"
        state={data}
        rows={data.data?.meetings}
        newestFirst={byStart}
        loadingText="Henter møder …"
        emptyText="Der er ingen møder."
        actions={
          <button type="button" className="primary" onClick={() => setEditing({ mode: 'create' })} disabled={editing !== null}>
            Ny indkaldelse
          </button>
        }
        columns={[
          {
            header: 'Tidspunkt',
            cell: (m) => (
              <>
                {formatDateTime(m.start)}
                {m.end ? `–${formatDateTime(m.end).slice(-5)}` : ''}
                {m.selfBooked && <span className="badge">Selvbooket</span>}
                {m.pendingCommandId && <span className="badge">Venter på afsendelse</span>}
              </>
            ),
          },
          { header: 'Samtaletype', cell: (m) => codes.label('InterviewTypeIdentifier', m.interviewType, 'Samtaletype') },
          { header: 'Form', cell: (m) => codes.label('InterviewContactTypeIdentifier', m.form, 'Mødeform') },
          {
            header: 'Sted',
            className: 'pre',
            cell: (m) => (
              <>
                {[m.location, m.locationDetail].filter(Boolean).join(', ')}
                {m.digitalLink && (
                  <>
                    {m.location ? ' · ' : ''}Link: <span className="mono">{m.digitalLink}</span>
                  </>
                )}
              </>
            ),
          },
          { header: 'Myndighed', cell: (m) => (m.organisation ? `${m.organisation.name} (${m.organisation.organisationCode})` : '') },
          {
            header: 'Handlinger',
            cell: (m) =>
              own(m) ? (
                <span className="actions">
                  <button type="button" onClick={() => setEditing({ mode: 'update', meeting: m })} disabled={editing !== null} aria-label={`Ombook mødet ${formatDateTime(m.start)}`}>
                    Ombook
                  </button>
                  <button type="button" onClick={() => setCancelling(m)} aria-label={`Aflys mødet ${formatDateTime(m.start)}`}>
                    Aflys
                  </button>
                </span>
              ) : null,
          },
        ]}
      >
        {editing && <MeetingForm key={editing.mode === 'update' ? editing.meeting.id : 'new'} editing={editing} onDone={done} onCancel={() => setEditing(null)} />}
      </RecordTable>
      {cancelling && <CancelMeeting meeting={cancelling} onDone={done} onCancel={() => setCancelling(null)} />}
    </>
  );
}

/** The citizen's absences, for the self-booking consequences (best effort: none when they cannot be read). */
function useAbsences(cpr: string) {
  const list = useAsync(() => call('absences.list', { cpr }), [cpr]);
  return list.data?.absences ?? NONE;
}
const NONE: { type: number; start: string; end: string | null }[] = [];

function MeetingForm({ editing, onDone, onCancel }: { editing: NonNullable<Editing>; onDone: () => void; onCancel: () => void }) {
  const { cpr, citizen } = useCitizen();
  const announce = useApp((s) => s.announce);
  const existing = editing.mode === 'update' ? editing.meeting : null;
  const absences = useAbsences(cpr);
  const save = useAction(async (input: MeetingInput) => {
    if (existing) {
      await call('meetings.update', { cpr, meetingId: existing.id, input });
      announce('Ombookingen er lagt i udbakken og sendes til DFDG.');
    } else {
      await call('meetings.create', { cpr, input });
      announce('Indkaldelsen er lagt i udbakken og sendes til DFDG.');
    }
    onDone();
  });
  const form = useMeetingForm({ citizen, initial: existing, absences, refused: ipcError(save.error)?.findings ?? [], onEdit: save.reset });
  return (
    <CommandForm
      className="meeting-form"
      titleId="meeting-form-title"
      title={existing ? 'Ombook mødet' : 'Ny indkaldelse'}
      submitLabel={existing ? 'Gem ombooking' : 'Opret indkaldelse'}
      command={form.command}
      save={save}
      unsaved={form.touched}
      unsavedText="Indkaldelsen er ikke gemt. Gem den, eller annullér, før du går tilbage."
      onCancel={onCancel}
    >
      <MeetingFields form={form} idPrefix="meeting" />
    </CommandForm>
  );
}

function CancelMeeting({ meeting, onDone, onCancel }: { meeting: Meeting; onDone: () => void; onCancel: () => void }) {
  const { cpr } = useCitizen();
  const codes = useCodes();
  const announce = useApp((s) => s.announce);
  const cancel = useAction(async () => {
    await call('meetings.cancel', { cpr, meetingId: meeting.id });
    announce('Aflysningen er lagt i udbakken og sendes til DFDG.');
    onDone();
  });
  return (
    <Modal title="Aflys mødet" onClose={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void cancel.run();
        }}
      >
        <p>
          {codes.label('InterviewTypeIdentifier', meeting.interviewType, 'Samtaletype')}, {formatDateTime(meeting.start)} ({codes.label('InterviewContactTypeIdentifier', meeting.form, 'Mødeform')}).
        </p>
        <p className="hint">DFDG giver den anden myndighed besked, og mødet forsvinder fra borgerens Jobnet.</p>
        <ErrorText error={cancel.error} />
        <div className="actions">
          <button type="submit" className="danger" disabled={cancel.pending} data-autofocus>
            Aflys mødet
          </button>
          <button type="button" onClick={onCancel}>
            Fortryd
          </button>
        </div>
      </form>
    </Modal>
  );
}
