// The outbox: every pending, failed and rejected command with its state; a progress bar while main
// drains it; retry, cancel, and edit-and-resend for a rejection, which shows DFDG's code and a plain
// Danish explanation of what to change. A refused retry or cancel (main refuses to cancel while the
// send is under way or DFDG may have it) is said on the item. J/K moves between items. In hub mode the
// team actions made while the organisation hub could not be reached are listed too (TeamActions):
// waiting, sent, or refused with the hub's words; a refused one is dismissed once read.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { OutboxItem, OutboxState, TeamCommand } from '../../../shared/domain';
import type { ChannelResponse } from '../../../shared/ipc';
import { checkMessageDraft } from '../../../shared/rules';
import { formatDateTime } from '../../../shared/dates';
import { call, ipcError, useDfdgEvent } from '../lib/bridge';
import { useCodes } from '../lib/codes';
import { useRuleContext } from '../lib/ruleContext';
import { useAction } from '../lib/useAction';
import { useAsync } from '../lib/useAsync';
import { useRovingList } from '../lib/useRovingList';
import { OUTBOX_STATE_TEXT } from '../lib/format';
import { useApp } from '../stores/app';
import { FieldFindings, findingsId, forField, hasErrors, withServerFindings } from '../components/Findings';
import { ErrorText } from '../components/ErrorText';
import { Modal } from '../components/Modal';
import { AbsenceFields, useAbsenceForm, type AbsenceAction, type AbsenceCommand } from './citizen/AbsenceFields';
import { ActivityChangeFields, useActivityChangeForm, type ActivityChangeCommand } from './citizen/ActivityChangeFields';
import { MeetingFields, useMeetingForm } from './citizen/MeetingFields';
import type { MeetingInput } from '../../../shared/domain';
import { TEAM_ACTION_TEXT, citizenLabel } from './advisoryParts';

const KIND_TEXT: Record<OutboxItem['kind'], string> = {
  'message.create': 'Besked',
  'absence.create': 'Fravær',
  'absence.update': 'Rettelse af fravær',
  'absence.delete': 'Sletning af fravær',
  'activity.create': 'Aktivitet i Min plan',
  'recommendation.answer': 'Svar på indstilling',
  'activity.end': 'Aktivitet afsluttet',
  'activity.update': 'Aktivitet flyttet',
  'meeting.create': 'Indkaldelse',
  'meeting.update': 'Ombooking af møde',
  'meeting.cancel': 'Aflysning af møde',
};

type Filter = 'open' | 'all';
const OPEN_STATES: OutboxState[] = ['queued', 'sending', 'failed', 'rejected'];

export function OutboxScreen() {
  const progress = useApp((s) => s.progress);
  const online = useApp((s) => s.online);
  const announce = useApp((s) => s.announce);
  const data = useAsync(() => call('outbox.list', {}), []);
  useDfdgEvent('outbox.changed', () => data.reload());
  const [filter, setFilter] = useState<Filter>('open');
  const [editing, setEditing] = useState<OutboxItem | null>(null);

  const items = useMemo(() => {
    const all = [...(data.data?.items ?? [])].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    return filter === 'open' ? all.filter((i) => OPEN_STATES.includes(i.state)) : all;
  }, [data.data, filter]);
  const listRef = useRef<HTMLUListElement>(null);
  const roving = useRovingList(items.length, {
    onMove: (i) => listRef.current?.querySelectorAll<HTMLElement>('.outbox-item')[i]?.focus(),
  });

  useEffect(() => {
    if (data.data) useApp.getState().setStatus(data.data.status);
  }, [data.data]);

  const replace = (item: OutboxItem) => data.setData((prev) => prev && { ...prev, items: prev.items.map((x) => (x.id === item.id ? item : x)) });

  // Which item the last retry/cancel was for: a refusal (e.g. a cancel while DFDG may have the
  // command) is said on that item, beside its buttons.
  const [actedOn, setActedOn] = useState<{ id: string; kind: 'retry' | 'cancel' } | null>(null);
  const act = useAction(async (kind: 'retry' | 'cancel', item: OutboxItem) => {
    setActedOn({ id: item.id, kind });
    const updated = await call(kind === 'retry' ? 'outbox.retry' : 'outbox.cancel', { id: item.id });
    replace(updated);
    announce(kind === 'retry' ? 'Sendes igen' : 'Annulleret');
  });

  const sync = useAction(async () => {
    const status = await call('sync.now', {});
    useApp.getState().setStatus(status);
    data.reload();
  });

  const status = data.data?.status;
  const inHubMode = useApp((s) => s.hub !== null);
  const team = useAsync(() => (inHubMode ? call('hub.commands', {}) : Promise.resolve({ items: [] as TeamCommand[] })), [inHubMode]);
  useDfdgEvent('hub.status', () => team.reload());
  const teamItems = (team.data?.items ?? []).filter((c) => filter === 'all' || c.state !== 'sent');
  return (
    <section className="screen outbox" aria-labelledby="outbox-title">
      <div className="tab-head">
        <h1 id="outbox-title">Udbakke</h1>
        <div className="inline">
          <label htmlFor="outbox-filter">Vis</label>
          <select id="outbox-filter" value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            <option value="open">Det, der mangler</option>
            <option value="all">Alt</option>
          </select>
          <button type="button" onClick={() => void sync.run()} disabled={sync.pending || !online}>
            {sync.pending ? 'Sender …' : 'Send nu'}
          </button>
        </div>
      </div>
      {status && (
        <p className="hint">
          {Math.max(0, status.pending - status.failed)} venter, {status.failed} fejlet, {status.rejected} afvist.
          {status.lastSyncedAt ? ` Sidst sendt ${formatDateTime(status.lastSyncedAt)}.` : ''}
          {!status.online
            ? status.cause === 'tls'
              ? ' Den sikre forbindelse til DFDG er afvist på grund af et certifikat; intet sendes, før det er rettet under Indstillinger → Certifikat.'
              : ' Du er offline; intet sendes, før forbindelsen er tilbage.'
            : ''}
        </p>
      )}
      {progress && (
        <div className="syncbar">
          <label htmlFor="outbox-progress">
            Sender: {progress.done} af {progress.total}
          </label>
          <progress id="outbox-progress" value={progress.done} max={progress.total} />
        </div>
      )}
      <ErrorText error={data.error} />
      <ErrorText error={sync.error} />
      {data.data && items.length === 0 && teamItems.length === 0 && <p>{filter === 'open' ? 'Udbakken er tom. Alt er sendt.' : 'Der er intet i udbakken.'}</p>}
      <ul ref={listRef} className="plain outbox-list" aria-label="Udbakke">
        {items.map((item, i) => (
          <li key={item.id}>
            <article
              className={`outbox-item state-${item.state}${i === roving.active ? ' active' : ''}`}
              tabIndex={i === roving.active ? 0 : -1}
              aria-labelledby={`ob-${item.id}-title`}
              onFocus={() => i !== roving.active && roving.setActive(i)}
              onKeyDown={(e) => {
                if (e.target === e.currentTarget) roving.onKeyDown(e);
              }}
            >
              <h2 id={`ob-${item.id}-title`} className="outbox-title">
                {KIND_TEXT[item.kind]}: {item.summary}
              </h2>
              <p className="outbox-meta">
                {item.citizenName ?? 'Borger'} · oprettet {formatDateTime(item.createdAt)} · <span className="state">{OUTBOX_STATE_TEXT[item.state]}</span>
                {item.attempts > 0 ? ` · ${item.attempts} ${item.attempts === 1 ? 'forsøg' : 'forsøg'}` : ''}
                {item.state === 'failed' && item.nextAttemptAt ? ` · næste forsøg ${formatDateTime(item.nextAttemptAt)}` : ''}
                {item.sentAt ? ` · sendt ${formatDateTime(item.sentAt)}` : ''}
              </p>
              {(item.state === 'rejected' || item.state === 'failed') && <Problem item={item} />}
              {actedOn?.id === item.id && <ErrorText error={act.error} prefix={actedOn.kind === 'cancel' ? 'Ikke annulleret:' : 'Ikke sendt igen:'} />}
              <div className="actions">
                {item.state === 'rejected' && item.editable && (
                  <button type="button" className="primary" onClick={() => setEditing(item)}>
                    Ret og send igen
                  </button>
                )}
                {item.state === 'failed' && (
                  <button type="button" onClick={() => void act.run('retry', item)}>
                    Prøv igen nu
                  </button>
                )}
                {(item.state === 'queued' || item.state === 'failed' || item.state === 'rejected') && (
                  <button type="button" onClick={() => void act.run('cancel', item)}>
                    Annullér
                  </button>
                )}
              </div>
            </article>
          </li>
        ))}
      </ul>
      <TeamActions items={teamItems} error={team.error} onChanged={(r) => team.setData(() => r)} />
      {editing && (
        <EditRejected
          id={editing.id}
          onClose={() => setEditing(null)}
          onResent={(item) => {
            replace(item);
            setEditing(null);
            announce('Rettelsen er gemt og lagt i udbakken igen.');
          }}
        />
      )}
    </section>
  );
}

const TEAM_STATE_TEXT: Record<TeamCommand['state'], string> = { queued: 'Venter på hubben', sent: 'Sendt til hubben', refused: 'Afvist af hubben' };

/** The outbox of team actions (hub mode; read again by the screen whenever the hub's status changes: a send, a refusal). */
function TeamActions({ items, error, onChanged }: { items: TeamCommand[]; error: string | null; onChanged: (r: { items: TeamCommand[] }) => void }) {
  const announce = useApp((s) => s.announce);
  const [actedOn, setActedOn] = useState<string | null>(null);
  const dismiss = useAction(async (c: TeamCommand) => {
    setActedOn(c.id);
    onChanged(await call('hub.dismiss', { id: c.id }));
    announce('Den afviste handling er fjernet fra udbakken.');
  });
  if (!error && items.length === 0) return null;
  return (
    <section aria-labelledby="team-actions-title" className="team-actions">
      <h2 id="team-actions-title">Teamets opgaver (organisationens hub)</h2>
      <ErrorText error={error} prefix="Teamhandlingerne kunne ikke hentes:" />
      <ul className="plain outbox-list" aria-label="Handlinger til hubben">
        {items.map((c) => (
          <li key={c.id}>
            <article className={`outbox-item state-${c.state === 'refused' ? 'rejected' : c.state}`} aria-labelledby={`tc-${c.id}-title`}>
              <h3 id={`tc-${c.id}-title`} className="outbox-title">
                {TEAM_ACTION_TEXT[c.action][0]!.toUpperCase() + TEAM_ACTION_TEXT[c.action].slice(1)}: {c.title ?? 'Opgave, der ikke længere er i teamets kø'}
              </h3>
              <p className="outbox-meta">
                {c.cpr ? citizenLabel({ cpr: c.cpr, citizenName: c.citizenName }) : 'Borger'} · oprettet {formatDateTime(c.createdAt)} · <span className="state">{TEAM_STATE_TEXT[c.state]}</span>
                {c.attempts > 0 ? ` · ${c.attempts} forsøg` : ''}
                {c.finishedAt && c.state === 'sent' ? ` · sendt ${formatDateTime(c.finishedAt)}` : ''}
              </p>
              {c.state === 'queued' && <p className="hint">Sendes af sig selv, når hubben kan nås, med den udgave af opgaven, du handlede på.</p>}
              {c.state === 'refused' && (
                <div className="problem rejected">
                  <p>
                    <strong>Hubben afviste handlingen.</strong> {c.message}
                  </p>
                </div>
              )}
              {actedOn === c.id && <ErrorText error={dismiss.error} prefix="Ikke fjernet:" />}
              {c.state === 'refused' && (
                <div className="actions">
                  <button type="button" onClick={() => void dismiss.run(c)} disabled={dismiss.pending} aria-describedby={`tc-${c.id}-title`}>
                    Fjern
                  </button>
                </div>
              )}
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** DFDG's code and text, what it means, and what to change (main explains it once: item.explanation). */
function Problem({ item }: { item: OutboxItem }) {
  const code = item.error?.code ?? null;
  const explained = item.explanation;
  return (
    <div className={item.state === 'rejected' ? 'problem rejected' : 'problem'}>
      <p>
        <strong>
          {item.state === 'rejected' ? 'Afvist af DFDG' : 'Ikke sendt endnu'}
          {code !== null ? ` – fejlkode ${code}` : ''}.
        </strong>{' '}
        {explained?.title}
      </p>
      {explained && <p>{explained.advice}</p>}
      {item.error?.text && item.error.kind !== 'tls' && <p className="hint">DFDG svarede: »{item.error.text}«</p>}
      {item.error?.kind === 'tls' && (
        <p className="hint">
          {item.error.text ? `Detaljer: ${item.error.text} ` : ''}
          <button type="button" className="link" onClick={() => useApp.getState().navigate({ name: 'settings' })}>
            Åbn Indstillinger
          </button>
        </p>
      )}
    </div>
  );
}

type Loaded = ChannelResponse<'outbox.get'>;

function EditRejected({ id, onClose, onResent }: { id: string; onClose: () => void; onResent: (item: OutboxItem) => void }) {
  const loaded = useAsync(() => call('outbox.get', { id }), [id]);
  return (
    <Modal title="Ret og send igen" onClose={onClose} wide>
      <ErrorText error={loaded.error} />
      {!loaded.data && !loaded.error && <p role="status">Henter …</p>}
      {loaded.data && <EditForm loaded={loaded.data} onClose={onClose} onResent={onResent} />}
    </Modal>
  );
}

function EditForm({ loaded, onClose, onResent }: { loaded: Loaded; onClose: () => void; onResent: (item: OutboxItem) => void }) {
  const action = absenceAction(loaded.item.kind, loaded.absence !== null);
  if (loaded.message) return <EditMessage item={loaded.item} message={loaded.message} onClose={onClose} onResent={onResent} />;
  if (loaded.absence && action) return <EditAbsence item={loaded.item} absence={loaded.absence} action={action} onClose={onClose} onResent={onResent} />;
  if (loaded.activity) return <EditActivity item={loaded.item} activity={loaded.activity} onClose={onClose} onResent={onResent} />;
  if (loaded.meeting?.input) return <EditMeeting item={loaded.item} input={loaded.meeting.input} onClose={onClose} onResent={onResent} />;
  return (
    <ResubmitForm item={loaded.item} onClose={onClose} onSubmit={null} error={null}>
      <p>Denne registrering kan ikke rettes her. Annullér den, og opret den igen.</p>
    </ResubmitForm>
  );
}

type Edit<T> = { item: OutboxItem; onClose: () => void; onResent: (item: OutboxItem) => void } & T;

/** The frame of the edit form: what was rejected and why, the fields, the failure of the last try, Send igen. */
function ResubmitForm({ item, onClose, onSubmit, error, children }: { item: OutboxItem; onClose: () => void; onSubmit: (() => void) | null; error: unknown; children: ReactNode }) {
  const info = useApp((s) => s.info);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit?.();
      }}
      className="resubmit"
    >
      <p>
        <strong>
          {KIND_TEXT[item.kind]}: {item.summary}
        </strong>
      </p>
      <Problem item={item} />
      {children}
      <ErrorText error={error} prefix="Ikke sendt igen:" />
      <div className="actions">
        <button type="submit" className="primary" disabled={!onSubmit || !info?.identity}>
          Send igen
        </button>
        <button type="button" onClick={onClose}>
          Annullér
        </button>
      </div>
    </form>
  );
}

function EditMessage({ item, message, onClose, onResent }: Edit<{ message: NonNullable<Loaded['message']> }>) {
  const codes = useCodes();
  const [subject, setSubject] = useState(message.subject);
  const [body, setBody] = useState(message.body);
  const resend = useAction(async () => {
    const r = await call('outbox.resubmit', { id: item.id, message: { contextType: message.contextType, channel: message.channel, subject, body } });
    onResent(r.item);
  });
  const ctx = useRuleContext(null);
  const local = useMemo(() => (ctx ? checkMessageDraft({ contextType: message.contextType, channel: message.channel, subject, body }, ctx) : []), [ctx, message, subject, body]);
  // After a refusal: main's findings beside the fields, until the next try.
  const shown = withServerFindings(local, ipcError(resend.error)?.findings ?? []);
  const other = shown.filter((f) => !f.field || !['subject', 'body'].includes(f.field));
  const fid = (f: string) => findingsId('resubmit', f);
  return (
    <ResubmitForm item={item} onClose={onClose} onSubmit={hasErrors(local) || resend.pending ? null : () => void resend.run()} error={resend.error}>
      <p className="hint">
        Beskedtype: {codes.label('CitizenMessageContextTypeIdentifier', message.contextType, 'Type')}, kanal {codes.label('CitizenMessageChannelTypeIdentifier', message.channel, 'Kanal')}
      </p>
      <div className="field">
        <label htmlFor="resubmit-subject">Overskrift</label>
        <input id="resubmit-subject" type="text" maxLength={250} value={subject} onChange={(e) => setSubject(e.target.value)} aria-describedby={fid('subject')} />
        <FieldFindings id={fid('subject')} findings={forField(shown, 'subject')} />
      </div>
      <div className="field">
        <label htmlFor="resubmit-body">Tekst</label>
        <textarea id="resubmit-body" rows={10} maxLength={10000} value={body} onChange={(e) => setBody(e.target.value)} aria-describedby={fid('body')} />
        <FieldFindings id={fid('body')} findings={forField(shown, 'body')} />
      </div>
      {other.length > 0 && <FieldFindings id={fid('general')} findings={other} />}
    </ResubmitForm>
  );
}

/** A rejected absence command: the Fravær tab's fields and rules (AbsenceFields), with the citizen's details. */
function EditAbsence({ item, absence, action, onClose, onResent }: Edit<{ absence: NonNullable<Loaded['absence']>; action: AbsenceAction }>) {
  const resend = useAction(async ({ action: _, ...command }: AbsenceCommand) => {
    const r = await call('outbox.resubmit', { id: item.id, absence: command });
    onResent(r.item);
  });
  // The citizen's details (contact group, registration, ...) for the rules, as on the Fravær tab; main
  // checks the resend with the same. Opening the citizen is audited (purpose 'outbox').
  const opened = useAsync(() => call('citizens.open', { cpr: item.cpr, purpose: 'outbox' }), [item.cpr]);
  const form = useAbsenceForm({
    action,
    citizen: opened.data?.citizen ?? null,
    initial: absence.input,
    previous: absence.previous ?? null,
    rectification: absence.rectificationComment ?? '',
    refused: ipcError(resend.error)?.findings ?? [],
    onEdit: resend.reset,
  });
  const command = form.command;
  return (
    <ResubmitForm item={item} onClose={onClose} onSubmit={command && !resend.pending ? () => void resend.run(command) : null} error={resend.error}>
      {opened.error && (
        <p className="hint" role="status">
          Borgerens oplysninger kunne ikke hentes ({opened.error}). Reglerne, der afhænger af borgeren, tjekkes, når du sender igen.
        </p>
      )}
      <AbsenceFields form={form} idPrefix="resubmit" headingLevel={3} />
    </ResubmitForm>
  );
}

/** A rejected meeting command (create or rebooking): the Møder tab's fields and rules (MeetingFields). */
function EditMeeting({ item, input, onClose, onResent }: Edit<{ input: MeetingInput }>) {
  const resend = useAction(async (next: MeetingInput) => {
    const r = await call('outbox.resubmit', { id: item.id, meeting: { input: next } });
    onResent(r.item);
  });
  // The citizen's details for the rules, as on the Møder tab (opening the citizen is audited: 'outbox').
  const opened = useAsync(() => call('citizens.open', { cpr: item.cpr, purpose: 'outbox' }), [item.cpr]);
  const form = useMeetingForm({ citizen: opened.data?.citizen ?? null, initial: input, absences: NO_ABSENCES, refused: ipcError(resend.error)?.findings ?? [], onEdit: resend.reset });
  const command = form.command;
  return (
    <ResubmitForm item={item} onClose={onClose} onSubmit={command && !resend.pending ? () => void resend.run(command) : null} error={resend.error}>
      <MeetingFields form={form} idPrefix="resubmit" headingLevel={3} />
    </ResubmitForm>
  );
}
const NO_ABSENCES: { type: number; start: string; end: string | null }[] = [];

/** Which absence command the outbox item is (null: not an absence). */
function absenceAction(kind: OutboxItem['kind'], hasAbsence: boolean): AbsenceAction | null {
  if (!hasAbsence) return null;
  return kind === 'absence.delete' ? 'delete' : kind === 'absence.update' ? 'update' : kind === 'absence.create' ? 'create' : null;
}

/** A rejected end or date change of an activity: Min plan's fields and rules (ActivityChangeFields). */
function EditActivity({ item, activity, onClose, onResent }: Edit<{ activity: NonNullable<Loaded['activity']> }>) {
  const resend = useAction(async (command: ActivityChangeCommand) => {
    const r = await call('outbox.resubmit', {
      id: item.id,
      activity: command.action === 'end' ? { end: command.end, endReason: command.endReason } : { start: command.start, end: command.end },
    });
    onResent(r.item);
  });
  const opened = useAsync(() => call('citizens.open', { cpr: item.cpr, purpose: 'outbox' }), [item.cpr]);
  const prev = activity.previous;
  const form = useActivityChangeForm({
    action: item.kind === 'activity.end' ? 'end' : 'update',
    citizen: opened.data?.citizen ?? null,
    before: { name: prev?.name ?? '', start: prev?.start ?? activity.start ?? '', end: prev?.end ?? null },
    initial: { start: activity.start ?? prev?.start ?? null, end: activity.end, endReason: activity.endReason },
    refused: ipcError(resend.error)?.findings ?? [],
    onEdit: resend.reset,
  });
  const command = form.command;
  return (
    <ResubmitForm item={item} onClose={onClose} onSubmit={command && !resend.pending ? () => void resend.run(command) : null} error={resend.error}>
      <ActivityChangeFields form={form} idPrefix="resubmit" />
    </ResubmitForm>
  );
}
