// The composer: message type (only those the organisation may send today), channel, receiver,
// subject and body, the type 11 form, templates, attachments; rule findings beside the fields as the
// caseworker types; saved as a draft while typing (and on unmount) so nothing is lost
// (useDraftAutosave); Ctrl+Enter or Send puts it in the outbox in one call that carries what was not
// saved yet. Errors block Send with the reason shown; warnings do not; a file being checked holds it
// (useAttachments).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Finding, MessageDraft, RecommendationForm } from '../../../../shared/domain';
import { ORGANISATION_TYPE_ID } from '../../../../shared/domain';
import { checkMessageDraft, messageDraftInput, messageTypesFor } from '../../../../shared/rules';
import { MAX_BODY_CHARS, MAX_SUBJECT_CHARS } from '../../../../shared/constants';
import { AUTHORITY_CHANNEL, EMPTY_RECOMMENDATION, RECOMMENDATION_TYPE as TYPE_11 } from '../../../../shared/drafts';
import { formatDate } from '../../../../shared/dates';
import { call, errorText, ipcError } from '../../lib/bridge';
import { useCodes } from '../../lib/codes';
import { formatClock } from '../../lib/format';
import { RECOMMENDATION_SUBJECT, mergeGenerated, recommendationBody } from '../../lib/recommendation';
import { useRuleContext } from '../../lib/ruleContext';
import { useShortcut } from '../../lib/shortcuts';
import { useAsync } from '../../lib/useAsync';
import { useApp } from '../../stores/app';
import { FieldFindings, findingsId, forField, hasErrors, withServerFindings } from '../../components/Findings';
import { useCitizen } from './context';
import { RecommendationFields } from './RecommendationFields';
import { AttachmentList } from './AttachmentList';
import { Templates, type TemplateText } from './Templates';
import { useAttachments } from './useAttachments';
import { useDraftAutosave, type DraftPatch as Patch } from './useDraftAutosave';

interface Fields {
  contextType: number;
  channel: number;
  subject: string;
  body: string;
  allowReply: boolean;
  to: { organisationType: number; organisationCode: string } | null;
  recommendation: RecommendationForm | null;
}

/**
 * `created`: the draft drafts.create just answered (used as it is); without it (a draft resumed from
 * the list) the composer reads the draft from main first.
 */
export function Composer({ draftId, created, onClose }: { draftId: string; created: MessageDraft | null; onClose: () => void }) {
  return created?.id === draftId ? <ComposerReady draft={created} onClose={onClose} /> : <ResumedComposer draftId={draftId} onClose={onClose} />;
}

function ResumedComposer({ draftId, onClose }: { draftId: string; onClose: () => void }) {
  const loaded = useAsync(() => call('drafts.get', { id: draftId }), [draftId]);
  if (loaded.error) {
    return (
      <section className="composer" aria-labelledby="composer-title">
        <h2 id="composer-title">Ny besked</h2>
        <p role="alert" className="error">
          Kladden kunne ikke hentes: {loaded.error}
        </p>
        <button type="button" onClick={onClose}>
          Luk
        </button>
      </section>
    );
  }
  return loaded.data ? <ComposerReady draft={loaded.data} onClose={onClose} /> : <ComposerWaiting />;
}

function ComposerWaiting() {
  const info = useApp((s) => s.info);
  return (
    <section className="composer" aria-busy="true" aria-labelledby="composer-title">
      <h2 id="composer-title">Ny besked</h2>
      <p>{info && !info.identity ? 'Der er ikke valgt en organisation. Importér certifikatet under Indstillinger.' : 'Henter kladden …'}</p>
    </section>
  );
}

function ComposerReady({ draft, onClose }: { draft: MessageDraft; onClose: () => void }) {
  const { citizen, changed } = useCitizen();
  const info = useApp((s) => s.info);
  const announce = useApp((s) => s.announce);
  const codes = useCodes();
  const ctx = useRuleContext(citizen);
  if (!ctx || !info?.identity) return <ComposerWaiting />;
  return <ComposerForm draft={draft} onClose={onClose} onSent={changed} codes={codes} ctx={ctx} announce={announce} />;
}

function ComposerForm({
  draft,
  onClose,
  onSent,
  codes,
  ctx,
  announce,
}: {
  draft: MessageDraft;
  onClose: () => void;
  onSent: () => void;
  codes: ReturnType<typeof useCodes>;
  ctx: NonNullable<ReturnType<typeof useRuleContext>>;
  announce: (t: string) => void;
}) {
  const { citizen } = useCitizen();
  const info = useApp((s) => s.info)!;
  const identity = info.identity!;
  const [fields, setFields] = useState<Fields>(() => ({
    contextType: draft.contextType,
    channel: draft.channel,
    subject: draft.subject,
    body: draft.body,
    allowReply: draft.allowReply,
    to: draft.to,
    recommendation: draft.recommendation,
  }));
  const autosave = useDraftAutosave(draft);
  const attachments = useAttachments(draft);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [serverFindings, setServerFindings] = useState<Finding[]>([]);
  const [dragging, setDragging] = useState(false);
  const firstFieldRef = useRef<HTMLSelectElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);

  const { queue } = autosave;
  const update = useCallback(
    (patch: Patch) => {
      setFields((f) => ({ ...f, ...patch }));
      setServerFindings([]); // main's verdict was on the text as it was; the local rules take over again
      queue(patch);
    },
    [queue],
  );

  useEffect(() => {
    if (draft.replyTo) bodyRef.current?.focus();
    else firstFieldRef.current?.focus();
  }, [draft.replyTo]);

  // ---- What may be sent: message types for this organisation today, channels valid today.
  const types = useMemo(() => messageTypesFor(ctx), [ctx]);
  const channels = useMemo(() => codes.valid('CitizenMessageChannelTypeIdentifier', ctx.asOf), [codes, ctx.asOf]);
  const channelItem = channels.find((c) => c.id === fields.channel);
  const isType11 = fields.contextType === TYPE_11;
  const otherAuthority = useMemo(() => {
    if (identity.organisation.type === 'akasse') {
      return citizen.jobcenterCode
        ? { to: { organisationType: ORGANISATION_TYPE_ID.jobcenter, organisationCode: citizen.jobcenterCode }, label: `${citizen.jobcenterName ?? 'Jobcenter'} (${citizen.jobcenterCode})` }
        : null;
    }
    return citizen.akasseCode
      ? { to: { organisationType: ORGANISATION_TYPE_ID.akasse, organisationCode: citizen.akasseCode }, label: `${citizen.akasseName ?? 'A-kasse'} (${citizen.akasseCode})` }
      : null;
  }, [identity.organisation.type, citizen]);

  // ---- Type 11: the subject and body follow the form until the caseworker edits them by hand.
  const activation = codes.item('ActivationTypeIdentifier', fields.recommendation?.offerType ?? null);
  const generate = useCallback(
    (form: RecommendationForm) => {
      const offer = codes.item('ActivationTypeIdentifier', form.offerType);
      return recommendationBody(form, {
        citizenName: citizen.name,
        offerName: offer?.name ?? null,
        companyDirected: offer?.companyDirected ?? false,
        courseDirected: offer?.courseDirected ?? false,
      });
    },
    [codes, citizen.name],
  );
  // The block we generated last; a restored draft picks it up again when its body still starts with it.
  const [lastGenerated, setLastGenerated] = useState<string | null>(() => {
    if (!draft.recommendation || draft.contextType !== TYPE_11) return null;
    const g = generate(draft.recommendation);
    return draft.body.startsWith(g) ? g : null;
  });
  const bodyHandEdited = isType11 && fields.recommendation !== null && fields.body.trim() !== '' && (lastGenerated === null || !fields.body.startsWith(lastGenerated));

  const setRecommendation = (form: RecommendationForm) => {
    const next = generate(form);
    const body = mergeGenerated(fields.body, lastGenerated, next);
    const patch: Patch = { recommendation: form };
    if (body !== null) {
      patch.body = body;
      setLastGenerated(next);
    }
    if (fields.subject.trim() === '') patch.subject = RECOMMENDATION_SUBJECT;
    update(patch);
  };

  const regenerateBody = () => {
    if (!fields.recommendation) return;
    const next = generate(fields.recommendation);
    setLastGenerated(next);
    update({ body: next });
  };

  const chooseType = (contextType: number) => {
    const patch: Patch = { contextType };
    if (contextType === TYPE_11) {
      patch.channel = AUTHORITY_CHANNEL;
      patch.allowReply = true;
      if (otherAuthority) patch.to = otherAuthority.to;
      const form = fields.recommendation ?? EMPTY_RECOMMENDATION;
      patch.recommendation = form;
      if (fields.subject.trim() === '') patch.subject = RECOMMENDATION_SUBJECT;
      const next = generate(form);
      const body = mergeGenerated(fields.body, lastGenerated, next);
      if (body !== null) {
        patch.body = body;
        setLastGenerated(next);
      }
    } else if (fields.contextType === TYPE_11) {
      patch.recommendation = null;
      if (fields.subject === RECOMMENDATION_SUBJECT) patch.subject = '';
    }
    update(patch);
  };

  const chooseChannel = (channel: number) => {
    const item = channels.find((c) => c.id === channel);
    const patch: Patch = { channel };
    if (item?.authorityToAuthority) {
      if (otherAuthority) patch.to = otherAuthority.to;
    } else {
      patch.to = null;
    }
    if (item && !item.allowsReply) patch.allowReply = false;
    update(patch);
  };

  // ---- Templates: placeholders filled from the citizen, who we act as, and the date.
  const placeholderValues = {
    'borger.navn': citizen.name,
    'borger.fornavn': citizen.name.split(/\s+/)[0] ?? citizen.name,
    'sagsbehandler.navn': identity.caseworker.fullName,
    'organisation.navn': identity.organisation.name,
    'jobcenter.navn': citizen.jobcenterName ?? null,
    'akasse.navn': citizen.akasseName ?? null,
    dato: formatDate(ctx.asOf),
  };
  const insertTemplate = (t: TemplateText) => {
    const patch: Patch = { subject: t.subject };
    patch.body = fields.body.trim() === '' ? t.body : `${fields.body.replace(/\s+$/, '')}\n\n${t.body}`;
    if (t.contextType != null && t.contextType !== fields.contextType && !draft.replyTo) {
      patch.contextType = t.contextType;
      if (t.contextType !== TYPE_11) patch.recommendation = null;
    }
    update(patch);
  };

  // ---- Findings: the shared rules (exactly what main checks before it queues), as the caseworker types.
  // Cheap pure functions: run on every render, i.e. on every keystroke.
  const findings = checkMessageDraft(messageDraftInput({ ...fields, replyTo: draft.replyTo, attachments: attachments.list }), ctx);
  const shown = withServerFindings(findings, serverFindings, true);
  const placedFields = ['contextType', 'channel', 'subject', 'body', 'attachments', 'recommendation', 'to'];
  const other = shown.filter((f) => !f.field || !placedFields.some((p) => f.field === p || f.field!.startsWith(`${p}.`) || f.field!.startsWith(`${p}[`)));
  const errors = shown.filter((f) => f.severity === 'error');
  // A file still being checked is not on the draft yet: sending now would leave it behind.
  const checkingFiles = attachments.checking;
  const canSend = !hasErrors(shown) && !sending && checkingFiles === 0;

  const send = async () => {
    if (!canSend) return;
    setSending(true);
    setSendError(null);
    // One call: what is not saved yet goes with the submit (main saves it first, then checks and queues).
    const patch = await autosave.takeUnsaved();
    try {
      const r = await call('drafts.submit', { id: draft.id, patch });
      setServerFindings(r.findings);
      announce('Beskeden er lagt i udbakken. Den sendes, så snart der er forbindelse til DFDG.');
      onSent();
      onClose();
    } catch (e) {
      autosave.putBack(patch);
      const err = ipcError(e);
      if (err?.findings?.length) setServerFindings(err.findings);
      setSendError(errorText(e));
      setSending(false);
    }
  };

  const discard = async () => {
    autosave.forget();
    try {
      await call('drafts.delete', { id: draft.id });
      announce('Kladden er slettet');
      onSent();
      onClose();
    } catch (e) {
      setSendError(errorText(e));
    }
  };

  // Ctrl+Enter from inside the form; a dialog opened from it (the PDF preview) holds it.
  const formRef = useRef<HTMLFormElement>(null);
  useShortcut('send', () => void send(), { layer: 'composer', within: formRef });

  const F = 'composer';
  const fid = (field: string) => findingsId(F, field);
  const title = draft.replyTo ? 'Svar i tråden' : 'Ny besked';
  // A restored or replied-to draft may carry a type this organisation cannot pick today: show it (the rules say why).
  const currentType = codes.item('CitizenMessageContextTypeIdentifier', fields.contextType);
  const typeOptions = types.some((t) => t.id === fields.contextType) || !currentType ? types : [...types, currentType];

  return (
    <section className="composer" aria-labelledby="composer-title">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
        ref={formRef}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes('Files')) {
            e.preventDefault();
            setDragging(true);
          }
        }}
        onDragLeave={(e) => {
          if (e.currentTarget === e.target) setDragging(false);
        }}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const files = Array.from(e.dataTransfer.files);
          if (files.length) void attachments.add(files);
        }}
        className={dragging ? 'dragging' : undefined}
        aria-describedby="composer-saved"
      >
        <div className="composer-head">
          <h2 id="composer-title">{title}</h2>
          <span id="composer-saved" className="saved" aria-live="polite">
            {autosave.saveError ? `Ikke gemt: ${autosave.saveError}` : autosave.savedAt ? `Gemt ${formatClock(autosave.savedAt)}` : 'Kladde'}
          </span>
        </div>

        <div className="field-row">
          <div className="field">
            <label htmlFor="composer-type">Beskedtype</label>
            <select
              id="composer-type"
              ref={firstFieldRef}
              value={fields.contextType}
              onChange={(e) => chooseType(Number(e.target.value))}
              aria-describedby={fid('contextType')}
              disabled={draft.replyTo !== null}
            >
              {typeOptions.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.id} – {t.name}
                </option>
              ))}
            </select>
            <FieldFindings id={fid('contextType')} findings={forField(shown, 'contextType')} />
          </div>
          <div className="field">
            <label htmlFor="composer-channel">Kanal</label>
            <select id="composer-channel" value={fields.channel} onChange={(e) => chooseChannel(Number(e.target.value))} aria-describedby={fid('channel')} disabled={draft.replyTo !== null}>
              {channels.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <FieldFindings id={fid('channel')} findings={forField(shown, 'channel')} />
          </div>
          <div className="field">
            <span className="label">Modtager</span>
            <span className="value">
              {channelItem?.authorityToAuthority ? (otherAuthority ? otherAuthority.label : 'Ukendt – borgeren har ingen myndighed at sende til') : `${citizen.name} (borgeren)`}
            </span>
            <FieldFindings id={fid('to')} findings={forField(shown, 'to')} />
          </div>
        </div>
        {channelItem?.authorityToAuthority && (
          // Seed 000: a channel-4 message is also put in the citizen's message tray on Jobnet.
          <p id="composer-citizen-reads" className="hint">
            Borgeren kan også læse beskeden – overskrift, tekst og bilag – i sin beskedbakke på Jobnet. Skriv derfor ikke CPR-nummer i overskrift eller tekst.
          </p>
        )}

        {isType11 && fields.recommendation && (
          <RecommendationFields
            form={fields.recommendation}
            onChange={setRecommendation}
            asOf={ctx.asOf}
            findings={forField(shown, 'recommendation')}
            formId={F}
            activation={activation}
          />
        )}

        <Templates contextType={fields.contextType} replying={draft.replyTo !== null} values={placeholderValues} subject={fields.subject} body={fields.body} onInsert={insertTemplate} />

        <div className="field">
          <label htmlFor="composer-subject">Overskrift</label>
          <input
            id="composer-subject"
            type="text"
            maxLength={MAX_SUBJECT_CHARS}
            value={fields.subject}
            onChange={(e) => update({ subject: e.target.value })}
            aria-describedby={`${fid('subject')} composer-subject-hint`}
            aria-invalid={forField(shown, 'subject').some((f) => f.severity === 'error') || undefined}
          />
          <span id="composer-subject-hint" className="hint">
            Skriv ikke CPR-nummer eller navn i overskriften.
          </span>
          <FieldFindings id={fid('subject')} findings={forField(shown, 'subject')} />
        </div>

        <div className="field">
          <label htmlFor="composer-body">Tekst</label>
          <textarea
            id="composer-body"
            ref={bodyRef}
            rows={12}
            maxLength={MAX_BODY_CHARS}
            value={fields.body}
            onChange={(e) => update({ body: e.target.value })}
            aria-describedby={channelItem?.authorityToAuthority ? `${fid('body')} composer-citizen-reads` : fid('body')}
            aria-invalid={forField(shown, 'body').some((f) => f.severity === 'error') || undefined}
          />
          {bodyHandEdited && (
            <p className="hint">
              Du har rettet i teksten, så den følger ikke længere formularen.{' '}
              <button type="button" className="link" onClick={regenerateBody}>
                Lav teksten forfra ud fra formularen
              </button>
            </p>
          )}
          <FieldFindings id={fid('body')} findings={forField(shown, 'body')} />
        </div>

        <label className="checkbox">
          <input
            type="checkbox"
            checked={fields.allowReply}
            disabled={channelItem ? !channelItem.allowsReply : false}
            onChange={(e) => update({ allowReply: e.target.checked })}
          />
          Modtageren kan svare
        </label>

        <AttachmentList draftId={draft.id} attachments={attachments} findings={forField(shown, 'attachments')} findingsDomId={fid('attachments')} />

        {other.length > 0 && <FieldFindings id={fid('general')} findings={other} />}

        <div className="composer-actions">
          {!canSend && !sending && (
            <div id="composer-blocked" className="blocked" role="note">
              <strong>Beskeden kan ikke sendes endnu:</strong>
              <ul>
                {errors.map((f, i) => (
                  <li key={`${f.ruleId}-${i}`}>{f.message}</li>
                ))}
                {checkingFiles > 0 && <li>Vent, til bilaget er kontrolleret og vedhæftet.</li>}
              </ul>
            </div>
          )}
          {sendError && (
            <p role="alert" className="error">
              Beskeden blev ikke sendt: {sendError}
            </p>
          )}
          <button type="submit" className="primary" disabled={!canSend} aria-describedby={!canSend ? 'composer-blocked' : undefined} aria-keyshortcuts="Control+Enter">
            {sending ? 'Sender …' : 'Send'}
          </button>
          <span className="hint">Ctrl+Enter sender</span>
          <button
            type="button"
            onClick={() => {
              void autosave.flush();
              onClose();
            }}
          >
            Luk (gemmes som kladde)
          </button>
          <button type="button" className="danger" onClick={() => void discard()}>
            Kassér kladden
          </button>
        </div>
      </form>
      {dragging && <div className="drop-hint">Slip filen for at vedhæfte den</div>}
    </section>
  );
}
