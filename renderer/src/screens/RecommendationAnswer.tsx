// The jobcenter's answer to a type 11 "Indstilling om tilbud": grant (creates the activity in Min
// plan and replies in the thread) or reject (reasons required). The answer is not the decision: the
// citizen gets the jobcenter's afgørelse in e-Boks (seed 000); main appends DECISION_NOTE to say so.
import { useMemo, useState } from 'react';
import type { CitizenMessage } from '../../../shared/domain';
import { DECISION_NOTE } from '../../../shared/drafts';
import type { ChannelRequest } from '../../../shared/ipc';
import { formatDate, formatDateTime } from '../../../shared/dates';
import { call, ipcError } from '../lib/bridge';
import { useCodes } from '../lib/codes';
import { authorityText, formatSize } from '../lib/format';
import { parseRecommendationBody } from '../lib/recommendation';
import { useToday } from '../lib/ruleContext';
import { useAction } from '../lib/useAction';
import { useAsync } from '../lib/useAsync';
import { useApp } from '../stores/app';
import { DateField } from '../components/DateField';
import { ErrorText } from '../components/ErrorText';

const GRANT_TEXT = 'Jobcentret har bevilget tilbuddet, som a-kassen har indstillet til. Aktiviteten er oprettet i borgerens Min plan.';
const REJECT_TEXT = 'Jobcentret kan ikke imødekomme a-kassens indstilling om tilbud.';

/**
 * Hub mode (the team queue): before the answer is sent the advisory must be the caseworker's
 * (`beforeSend` takes it at the hub and throws when a colleague was first, having kept the text), and
 * after it the advisory is completed (`afterSend`); `notice` says live that a colleague has it.
 */
export interface TeamHooks {
  beforeSend?: (text: string) => Promise<void>;
  afterSend?: () => Promise<void>;
  notice?: string | null;
}

export function RecommendationAnswer({
  cpr,
  messageId,
  advisoryId,
  onDone,
  onCancel,
  team,
}: {
  cpr: string;
  messageId: string;
  advisoryId?: string;
  onDone: () => void;
  onCancel: () => void;
  team?: TeamHooks;
}) {
  const threads = useAsync(() => call('messages.threads', { cpr }), [cpr]);
  const message = useMemo<CitizenMessage | null>(() => {
    for (const t of threads.data?.threads ?? []) {
      const m = t.messages.find((x) => x.id === messageId);
      if (m) return m;
    }
    return null;
  }, [threads.data, messageId]);

  if (threads.error) {
    return <ErrorText error={threads.error} prefix="Indstillingen kunne ikke hentes:" />;
  }
  if (!threads.data) return <p role="status">Henter indstillingen …</p>;
  if (!message) {
    return (
      <div>
        <ErrorText error="Indstillingen findes ikke (længere) i borgerens tråde." />
        <button type="button" onClick={onCancel}>
          Luk
        </button>
      </div>
    );
  }
  return <AnswerForm cpr={cpr} message={message} advisoryId={advisoryId} onDone={onDone} onCancel={onCancel} team={team} />;
}

function AnswerForm({
  cpr,
  message,
  advisoryId,
  onDone,
  onCancel,
  team,
}: {
  cpr: string;
  message: CitizenMessage;
  advisoryId?: string;
  onDone: () => void;
  onCancel: () => void;
  team?: TeamHooks | undefined;
}) {
  const codes = useCodes();
  const today = useToday();
  const announce = useApp((s) => s.announce);
  const parsed = useMemo(() => parseRecommendationBody(message.body), [message.body]);
  const offers = codes.valid('ActivationTypeIdentifier', today);
  const guessedType = parsed.offerName ? offers.find((o) => o.name.toLowerCase() === parsed.offerName!.toLowerCase())?.id ?? null : null;

  const [decision, setDecision] = useState<'grant' | 'reject' | null>(null);
  const [body, setBody] = useState('');
  const [bodyTouched, setBodyTouched] = useState(false);
  const [reasons, setReasons] = useState('');
  const [name, setName] = useState(parsed.offerName ?? '');
  const [activationType, setActivationType] = useState<number | null>(guessedType);
  const [start, setStart] = useState<string | null>(parsed.proposedStart && parsed.proposedStart >= today ? parsed.proposedStart : null);
  const [end, setEnd] = useState<string | null>(null);
  const [hours, setHours] = useState<number | null>(parsed.hoursPerWeek != null ? Math.round(parsed.hoursPerWeek) : null);
  const [problems, setProblems] = useState<string[]>([]);
  /** Hub mode: the advisory could not be taken (a colleague was first); the form keeps what was written. */
  const [lost, setLost] = useState<unknown>(null);

  const choose = (d: 'grant' | 'reject') => {
    setDecision(d);
    if (!bodyTouched) setBody(d === 'grant' ? GRANT_TEXT : REJECT_TEXT);
  };

  const validate = (): string[] => {
    const p: string[] = [];
    if (!decision) p.push('Vælg, om tilbuddet bevilges eller afslås.');
    if (body.trim() === '') p.push('Skriv svaret til a-kassen.');
    if (decision === 'reject' && reasons.trim() === '') p.push('Skriv begrundelsen for afslaget. Den skal gives til både medlemmet og a-kassen.');
    if (decision === 'grant') {
      if (name.trim() === '') p.push('Skriv aktivitetens navn.');
      if (activationType === null) p.push('Vælg tilbudstype.');
      if (!start) p.push('Skriv startdatoen (dd-mm-åååå).');
      if (start && end && end < start) p.push('Slutdatoen ligger før startdatoen.');
      if (hours === null) p.push('Skriv timer pr. uge (0–59).');
    }
    return p;
  };

  const answer = useAction(async () => {
    setLost(null);
    if (team?.beforeSend) {
      try {
        await team.beforeSend([body.trim(), reasons.trim()].filter(Boolean).join('\n\n'));
      } catch (e) {
        setLost(e);
        return;
      }
    }
    const request: ChannelRequest<'recommendations.answer'> = {
      cpr,
      messageId: message.id,
      decision: decision!,
      body: body.trim(),
    };
    if (advisoryId) request.advisoryId = advisoryId;
    if (decision === 'reject') request.reasons = reasons.trim();
    if (decision === 'grant') request.activity = { name: name.trim(), activationType: activationType!, start: start!, end, hoursPerWeek: hours! };
    await call('recommendations.answer', request);
    await team?.afterSend?.();
    announce(decision === 'grant' ? 'Tilbuddet er bevilget. Aktiviteten og svaret ligger i udbakken.' : 'Afslaget er lagt i udbakken.');
    onDone();
  });
  // Main's findings say what to change; otherwise main's (or DFDG's) reason.
  const refusal = ipcError(answer.error)?.findings;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const p = validate();
    setProblems(p);
    if (p.length === 0) void answer.run();
  };

  return (
    <form className="answer" onSubmit={submit} noValidate>
      {team?.notice && (
        <p className="banner banner-warn" role="status">
          {team.notice}
        </p>
      )}
      <section aria-labelledby="answer-rec-title" className="received">
        <h3 id="answer-rec-title">{message.subject}</h3>
        <p className="hint">
          Fra {message.from.fullName}
          {message.from.organisationType !== null ? ` (${authorityText(message.from.organisationType, message.from.organisationCode)})` : ''}, {formatDateTime(message.createdAt)}
        </p>
        <div className="message-body">{message.body}</div>
        {message.documents.length > 0 && (
          <p className="hint">
            Bilag: {message.documents.map((d) => `${d.fileName} (${formatSize(d.size)})`).join(', ')} – åbn dem under Dialog.
          </p>
        )}
      </section>

      <fieldset>
        <legend>Afgørelse</legend>
        <label className="radio">
          <input type="radio" name="decision" checked={decision === 'grant'} onChange={() => choose('grant')} />
          Bevilg tilbuddet
        </label>
        <label className="radio">
          <input type="radio" name="decision" checked={decision === 'reject'} onChange={() => choose('reject')} />
          Afslå indstillingen
        </label>
      </fieldset>

      {decision === 'grant' && (
        <fieldset>
          <legend>Aktivitet i Min plan</legend>
          <div className="field">
            <label htmlFor="answer-name">Aktivitetens navn</label>
            <input id="answer-name" type="text" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="answer-type">Tilbudstype</label>
            <select id="answer-type" value={activationType ?? ''} onChange={(e) => setActivationType(e.target.value === '' ? null : Number(e.target.value))}>
              <option value="">Vælg …</option>
              {offers.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field-row">
            <DateField id="answer-start" label="Startdato" value={start} onChange={setStart} required />
            <DateField id="answer-end" label="Slutdato" value={end} onChange={setEnd} />
            <div className="field">
              <label htmlFor="answer-hours">Timer pr. uge</label>
              <input
                id="answer-hours"
                type="number"
                min={0}
                max={59}
                step={1}
                value={hours ?? ''}
                onChange={(e) => setHours(e.target.value === '' ? null : Math.max(0, Math.min(59, Math.round(Number(e.target.value)))))}
              />
            </div>
          </div>
          {parsed.durationWeeks != null && <p className="hint">A-kassen foreslog {parsed.durationWeeks} uger{parsed.proposedStart ? ` fra ${formatDate(parsed.proposedStart)}` : ''}.</p>}
        </fieldset>
      )}

      {decision === 'reject' && (
        <div className="field">
          <label htmlFor="answer-reasons">Begrundelse for afslaget (skal udfyldes)</label>
          <textarea id="answer-reasons" rows={5} maxLength={5000} value={reasons} onChange={(e) => setReasons(e.target.value)} aria-required="true" />
        </div>
      )}

      {decision && (
        <>
          <div className="field">
            <label htmlFor="answer-body">Svar i tråden til a-kassen</label>
            <textarea
              id="answer-body"
              rows={5}
              maxLength={10000}
              value={body}
              onChange={(e) => {
                setBody(e.target.value);
                setBodyTouched(true);
              }}
            />
          </div>
          <p className="reminder" role="note">
            Svaret går til a-kassen, og borgeren ser en kopi på Jobnet. Det slutter med: »{DECISION_NOTE}«
          </p>
        </>
      )}

      {problems.length > 0 && (
        <div role="alert" className="error">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <ErrorText error={refusal?.length ? refusal.map((f) => f.message).join(' ') : answer.error} prefix="Svaret blev ikke gemt:" />
      <ErrorText error={lost} prefix="Svaret blev ikke sendt:" />
      <div className="actions">
        <button type="submit" className="primary" disabled={answer.pending}>
          {decision === 'reject' ? 'Send afslag' : decision === 'grant' ? 'Bevilg og send svar' : 'Send svar'}
        </button>
        <button type="button" onClick={onCancel}>
          Annullér
        </button>
      </div>
    </form>
  );
}
