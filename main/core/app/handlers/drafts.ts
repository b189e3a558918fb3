import { ORGANISATION_TYPE_ID, type AttachmentMeta, type Citizen, type Finding, type MessageDraft, type MessageTemplate } from '../../../../shared/domain';
import { MAX_BODY_CHARS, MAX_SUBJECT_CHARS } from '../../../../shared/constants';
import { containsCpr } from '../../../../shared/cpr';
import { EMPTY_RECOMMENDATION, RECOMMENDATION_TYPE, newDraftDefaults, replyDefaults } from '../../../../shared/drafts';
import { safeFileName } from '../../../../shared/fileNames';
import type { ChannelRequest, IpcHandlers } from '../../../../shared/ipc';
import { checkMessageDraft, messageDraftInput } from '../../../../shared/rules';
import { inspectAttachment } from '../../attachments';
import { CoreError } from '../../errors';
import { uuidv7 } from '../../store/ids';
import type { CommandPayloads } from '../../sync/commands';
import { orgKey } from '../../sync/outbox';
import type { CoreContext } from '../context';
import { citizenForCommand } from '../reads';
import { BUILT_IN_TEMPLATES, fillTemplate, placeholderValues, subjectHasCprPlaceholder } from '../templates';

const errorsOf = (f: Finding[]) => f.filter((x) => x.severity === 'error');

/** Checks a message (draft or edited command) with the rules layer: the same checks the renderer shows. */
export function checkMessage(c: CoreContext, d: MessageDraft, citizen: Citizen | null): Finding[] {
  return checkMessageDraft(messageDraftInput(d), c.ruleCtx(citizen));
}

export function rulesError(findings: Finding[], what: string): CoreError {
  const errors = errorsOf(findings);
  return new CoreError('rules', `${what}: ${errors[0]?.message ?? 'reglerne er ikke opfyldt.'}${errors.length > 1 ? ` (og ${errors.length - 1} mere)` : ''}`, { findings });
}

function templateById(c: CoreContext, id: string): MessageTemplate | null {
  return BUILT_IN_TEMPLATES.find((t) => t.id === id) ?? c.store.templates.get(id);
}

function requireDraft(c: CoreContext, id: string): MessageDraft {
  const d = c.store.drafts.get(id);
  if (!d) throw new CoreError('not-found', 'Kladden findes ikke længere. Den kan være sendt eller slettet.');
  return d;
}

type DraftPatch = NonNullable<ChannelRequest<'drafts.submit'>['patch']>;

/** Applies the composer's patch to the stored draft (newest wins) and returns the draft as saved. */
function saveDraft(c: CoreContext, id: string, patch: DraftPatch): MessageDraft {
  const next: MessageDraft = { ...requireDraft(c, id), ...patch, updatedAt: c.nowIso() };
  c.store.drafts.put(next);
  return next;
}

/** The message command for a draft (the draft is kept inside, so it can be restored). */
export function messagePayload(c: CoreContext, d: MessageDraft): CommandPayloads['message.create'] {
  const id = c.requireIdentity();
  // Stored as it goes on the wire (a draft from before names were made safe may still hold a raw one).
  const attachments = d.attachments.map((a) => ({ ...a, fileName: safeFileName(a.fileName, a.mimeType) }));
  return {
    cpr: d.cpr,
    contextType: d.contextType,
    channel: d.channel,
    subject: d.subject,
    body: d.body,
    allowReply: d.allowReply,
    responseToId: d.replyTo,
    to: d.to,
    attachments,
    sender: {
      organisationType: ORGANISATION_TYPE_ID[id.organisation.type],
      organisationCode: id.organisation.code,
      userIdentifier: id.caseworker.userIdentifier,
      fullName: id.caseworker.fullName,
    },
    draft: { ...d, attachments },
  };
}

/** The type 11 a reply answers: the nearest type 11 up the thread from the message replied to (cached messages). */
function answeredRecommendation(c: CoreContext, replyTo: string | null): string | null {
  const seen = new Set<string>();
  for (let id = replyTo; id && !seen.has(id); ) {
    seen.add(id);
    const m = c.store.messages.get(id);
    if (!m) return null;
    if (m.contextType === RECOMMENDATION_TYPE) return m.id;
    id = m.responseToId;
  }
  return null;
}

export const MESSAGE_SUMMARY: Record<number, string> = { 11: 'Indstilling om tilbud', 1: 'Almen orientering' };

export function draftHandlers(
  c: CoreContext,
): Pick<
  IpcHandlers,
  | 'drafts.list'
  | 'drafts.get'
  | 'drafts.create'
  | 'drafts.save'
  | 'drafts.delete'
  | 'drafts.submit'
  | 'attachments.add'
  | 'attachments.remove'
  | 'attachments.get'
  | 'templates.list'
  | 'templates.save'
  | 'templates.delete'
> {
  return {
    async 'drafts.list'({ cpr }) {
      return { drafts: c.store.drafts.list(cpr) };
    },

    async 'drafts.get'({ id }) {
      return requireDraft(c, id);
    },

    async 'drafts.create'({ cpr, contextType, replyTo, templateId }) {
      const identity = c.requireIdentity();
      // Access decided from the person status before anything is made (an uncached citizen is read first).
      const citizen = await citizenForCommand(c, cpr, 'composer', 'draft.create');
      const now = c.nowIso();
      const draft: MessageDraft = {
        id: uuidv7(c.now().getTime()),
        cpr,
        // An a-kasse writes a type 11 to the citizen's jobcenter, a jobcenter type 1 to the a-kasse (shared/drafts).
        ...newDraftDefaults(identity.organisation.type, citizen, contextType),
        subject: '',
        body: '',
        replyTo: null,
        attachments: [],
        createdAt: now,
        updatedAt: now,
      };
      if (replyTo) {
        const m = c.store.messages.get(replyTo);
        if (!m || m.cpr !== cpr) throw new CoreError('not-found', 'Beskeden, du vil svare på, findes ikke blandt borgerens beskeder. Opdatér beskederne.');
        // A reply stays in the thread and goes back to the other party; the thread decides its type (never a new type 11).
        Object.assign(draft, replyDefaults(identity.organisation, m));
      }
      if (templateId) {
        const t = templateById(c, templateId);
        if (!t) throw new CoreError('not-found', 'Skabelonen findes ikke længere.');
        const values = placeholderValues(citizen, identity, c.today());
        if (!replyTo) draft.subject = fillTemplate(t.subject, values, { subject: true }).slice(0, MAX_SUBJECT_CHARS);
        draft.body = fillTemplate(t.body, values).slice(0, MAX_BODY_CHARS);
        if (t.contextType !== null && contextType === undefined && !replyTo) draft.contextType = t.contextType;
      }
      // The type may have changed with the reply or the template: the form goes with type 11 only.
      draft.recommendation = draft.contextType === RECOMMENDATION_TYPE ? { ...EMPTY_RECOMMENDATION, supportingActivities: [] } : null;
      c.store.transaction(() => {
        c.store.drafts.put(draft);
        c.audit.record({ cpr, action: 'draft.create', source: 'local', purpose: 'composer' });
      });
      return draft;
    },

    async 'drafts.save'({ id, patch }) {
      return { draft: saveDraft(c, id, patch) };
    },

    async 'drafts.delete'({ id }) {
      c.store.drafts.delete(id);
      return {};
    },

    async 'drafts.submit'({ id, patch }) {
      const identity = c.requireIdentity();
      // What the caseworker typed last is saved first, so a refusal below keeps it in the draft.
      const saved = patch ? saveDraft(c, id, patch) : requireDraft(c, id);
      const citizen = await citizenForCommand(c, saved.cpr, 'composer');
      // The draft as it is after the wait (a save may have landed meanwhile): that is what is sent.
      const d = requireDraft(c, id);
      // Never trust the renderer: the rules run again here, on the send date.
      const findings = checkMessage(c, d, citizen);
      if (errorsOf(findings).length) throw rulesError(findings, 'Beskeden er ikke sendt');
      for (const a of d.attachments) {
        if (!c.store.blobs.has(a.sha256)) throw new CoreError('attachment', `Bilaget »${a.fileName}« findes ikke længere på computeren. Fjern det og vedhæft filen igen.`);
      }
      // A jobcenter's reply in a recommendation's thread is its answer: the advisory is done.
      const answered = identity.organisation.type === 'jobcenter' ? answeredRecommendation(c, d.replyTo) : null;
      const advisories = answered ? c.store.advisories.byEntity(answered, 'recommendation-received').filter((a) => a.status !== 'done') : [];
      const commandId = c.store.transaction(() => {
        for (const a of advisories) c.store.advisories.setStatus(a.id, 'done', c.nowIso(), identity.caseworker.fullName);
        const rec = c.outbox.enqueue({
          kind: 'message.create',
          cpr: d.cpr,
          org: orgKey(identity),
          citizenName: citizen.name,
          summary: `${MESSAGE_SUMMARY[d.contextType] ?? `Besked (type ${d.contextType})`}${d.replyTo ? ' (svar)' : ''}`,
          payload: messagePayload(c, d),
        });
        c.store.drafts.delete(d.id);
        c.audit.record({ cpr: d.cpr, action: 'command.queued', source: 'command', purpose: 'outbox:message.create' });
        return rec.id;
      });
      c.engine.kick();
      c.events.outboxChanged(() => ({ status: c.engine.status() }));
      if (advisories.length) c.events.emit('inbox.changed', { open: c.store.advisories.countOpen() });
      return { commandId, findings };
    },

    async 'attachments.add'({ draftId, fileName, bytes }) {
      requireDraft(c, draftId);
      const inspection = await inspectAttachment(fileName, bytes, { pdf: c.pdf });
      if (!inspection.ok) throw new CoreError('attachment', inspection.message);
      const sha = c.store.blobs.put(bytes);
      const attachment: AttachmentMeta = {
        id: uuidv7(c.now().getTime()),
        // The base name, without control or bidi characters, with the extension of what the file is.
        fileName: safeFileName(fileName, inspection.mimeType),
        mimeType: inspection.mimeType,
        size: inspection.size,
        sha256: sha,
        pageCount: inspection.pageCount,
      };
      // The draft as it is now: the caseworker kept typing while the file was inspected (in a worker),
      // and those saves must not be overwritten by the copy read before.
      const d = requireDraft(c, draftId);
      const next: MessageDraft = { ...d, attachments: [...d.attachments, attachment], updatedAt: c.nowIso() };
      c.store.drafts.put(next);
      return { draft: next, attachment };
    },

    async 'attachments.remove'({ draftId, attachmentId }) {
      const d = requireDraft(c, draftId);
      const next: MessageDraft = { ...d, attachments: d.attachments.filter((a) => a.id !== attachmentId), updatedAt: c.nowIso() };
      c.store.drafts.put(next);
      return { draft: next };
    },

    async 'attachments.get'({ draftId, attachmentId }) {
      const d = requireDraft(c, draftId);
      const a = d.attachments.find((x) => x.id === attachmentId);
      if (!a) throw new CoreError('not-found', 'Bilaget findes ikke på kladden.');
      const bytes = c.store.blobs.get(a.sha256);
      if (!bytes) throw new CoreError('not-found', `Bilaget »${a.fileName}« findes ikke længere på computeren.`);
      return { fileName: safeFileName(a.fileName, a.mimeType), mimeType: a.mimeType, bytes: new Uint8Array(bytes) };
    },

    async 'templates.list'() {
      return { templates: [...BUILT_IN_TEMPLATES, ...c.store.templates.list()] };
    },

    async 'templates.save'({ id, name, contextType, subject, body }) {
      if (id && BUILT_IN_TEMPLATES.some((t) => t.id === id)) throw new CoreError('conflict', 'Indbyggede skabeloner kan ikke ændres. Gem en kopi med et nyt navn.');
      const findings: Finding[] = [];
      if (subjectHasCprPlaceholder(subject) || containsCpr(subject)) {
        findings.push({ ruleId: 'TEMPLATE_SUBJECT_CPR', severity: 'error', field: 'subject', message: 'CPR-nummeret må ikke stå i overskriften.' });
      }
      if (containsCpr(body)) {
        findings.push({ ruleId: 'TEMPLATE_BODY_CPR', severity: 'error', field: 'body', message: 'Skabelonen indeholder et CPR-nummer. Skriv det ikke i en skabelon: beskeden er allerede knyttet til borgeren, og på kanal 4 kan borgeren læse teksten på Jobnet.' });
      }
      if (findings.length) throw rulesError(findings, 'Skabelonen er ikke gemt');
      const t: MessageTemplate = { id: id ?? `tpl-${uuidv7(c.now().getTime())}`, name, contextType, subject, body, builtIn: false };
      c.store.templates.put(t, c.nowIso());
      return t;
    },

    async 'templates.delete'({ id }) {
      if (BUILT_IN_TEMPLATES.some((t) => t.id === id)) throw new CoreError('conflict', 'Indbyggede skabeloner kan ikke slettes.');
      c.store.templates.delete(id);
      return {};
    },
  };
}
