// Dialog: the threads with the citizen in the middle (who wrote what, when, which context type),
// attachments opened in the in-app PDF preview, replies in the thread, the citizen's unsent drafts,
// and the composer. J/K moves between threads.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CitizenMessage, MessageDraft, MessageThread, OrgType } from '../../../../shared/domain';
import { RECOMMENDATION_TYPE } from '../../../../shared/drafts';
import { ORGANISATION_TYPE_ID } from '../../../../shared/domain';
import { formatDateTime } from '../../../../shared/dates';
import { call } from '../../lib/bridge';
import { useCodes } from '../../lib/codes';
import { OUTBOX_STATE_TEXT, authorityText, formatSize } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { useAsync } from '../../lib/useAsync';
import { useRovingList } from '../../lib/useRovingList';
import { useShortcutClaim } from '../../lib/shortcuts';
import { useApp } from '../../stores/app';
import { PdfPreview } from '../../components/PdfPreview';
import { ErrorText } from '../../components/ErrorText';
import { Modal } from '../../components/Modal';
import { useCitizen } from './context';
import { Freshness } from './Freshness';
import { Composer } from './Composer';
import { RecommendationAnswer } from '../RecommendationAnswer';

export function DialogTab() {
  const { cpr, version, focusMessageId, composeDraftId, createdDraft, closeComposer, resumeDraft, openComposer } = useCitizen();
  const codes = useCodes();
  const identity = useApp((s) => s.info?.identity ?? null);
  const threads = useAsync(() => call('messages.threads', { cpr }), [cpr, version, composeDraftId]);
  const drafts = useAsync(() => call('drafts.list', { cpr }), [cpr, version, composeDraftId]);
  const sorted = useMemo(() => [...(threads.data?.threads ?? [])].sort((a, b) => (a.lastActivityAt < b.lastActivityAt ? 1 : -1)), [threads.data]);
  const listRef = useRef<HTMLUListElement>(null);
  const roving = useRovingList(sorted.length);
  // The open composer takes J/K and Alt+↓/↑ from the thread list beneath it.
  useShortcutClaim('composer', ['next', 'prev'], composeDraftId !== null);
  const current = roving.active >= 0 ? sorted[roving.active] : undefined;
  const [answering, setAnswering] = useState<{ messageId: string } | null>(null);

  // Opened from a message search: select the thread that holds the message, once it has loaded.
  const focused = useRef<string | null>(null);
  const { setActive } = roving;
  useEffect(() => {
    if (!focusMessageId || focused.current === focusMessageId) return;
    const i = sorted.findIndex((t) => t.messages.some((m) => m.id === focusMessageId));
    if (i < 0) return;
    focused.current = focusMessageId;
    setActive(i);
  }, [focusMessageId, sorted, setActive]);

  useEffect(() => {
    const el = listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]');
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [roving.active]);

  const openDrafts = (drafts.data?.drafts ?? []).filter((d) => d.id !== composeDraftId);

  return (
    <div className="dialog">
      {composeDraftId && <Composer key={composeDraftId} draftId={composeDraftId} created={createdDraft} onClose={closeComposer} />}

      {openDrafts.length > 0 && (
        <section aria-labelledby="drafts-title" className="drafts">
          <h2 id="drafts-title">Kladder ({openDrafts.length})</h2>
          <ul className="plain">
            {openDrafts.map((d) => (
              <DraftRow key={d.id} draft={d} onResume={() => resumeDraft(d.id)} onDeleted={drafts.reload} disabled={composeDraftId !== null} />
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="threads-title" className="threads">
        <h2 id="threads-title">Tråde</h2>
        <ErrorText error={threads.error} />
        {threads.data && <Freshness freshness={threads.data.freshness} />}
        {threads.loading && !threads.data && <p>Henter beskeder …</p>}
        {threads.data && sorted.length === 0 && <p>Der er ingen beskeder med borgeren endnu.</p>}
        {sorted.length > 0 && (
          <div className="split">
            <ul
              ref={listRef}
              role="listbox"
              aria-label="Tråde"
              tabIndex={0}
              aria-activedescendant={current ? `thread-${current.rootId}` : undefined}
              onKeyDown={(e) => roving.onKeyDown(e)}
              className="thread-list"
            >
              {sorted.map((t, i) => (
                <li
                  key={t.rootId}
                  id={`thread-${t.rootId}`}
                  role="option"
                  aria-selected={i === roving.active}
                  onClick={() => roving.setActive(i)}
                  className={i === roving.active ? 'active' : undefined}
                >
                  <span className="thread-subject">{t.subject}</span>
                  <span className="thread-meta">
                    {codes.label('CitizenMessageContextTypeIdentifier', t.contextType, 'Type')} · {formatDateTime(t.lastActivityAt)} · {t.messages.length}{' '}
                    {t.messages.length === 1 ? 'besked' : 'beskeder'}
                    {t.pending.length > 0 ? ` · ${t.pending.length} i udbakken` : ''}
                  </span>
                </li>
              ))}
            </ul>
            {current && (
              <ThreadView
                thread={current}
                // The thread decides a reply's type (main, shared/drafts replyContextType): type 1 in a type 11 thread.
                onReply={(m) => openComposer({ replyTo: m.id })}
                onAnswer={(m) => setAnswering({ messageId: m.id })}
                onNewRecommendation={() => openComposer({ contextType: RECOMMENDATION_TYPE })}
                org={identity?.organisation.type ?? null}
              />
            )}
          </div>
        )}
      </section>
      {answering && (
        <Modal title="Besvar indstilling om tilbud" onClose={() => setAnswering(null)} wide>
          <RecommendationAnswer
            cpr={cpr}
            messageId={answering.messageId}
            onDone={() => {
              setAnswering(null);
              threads.reload();
            }}
            onCancel={() => setAnswering(null)}
          />
        </Modal>
      )}
    </div>
  );
}

function DraftRow({ draft, onResume, onDeleted, disabled }: { draft: MessageDraft; onResume: () => void; onDeleted: () => void; disabled: boolean }) {
  const remove = useAction(async () => {
    await call('drafts.delete', { id: draft.id });
    onDeleted();
  });
  const label = draft.subject.trim() || '(uden overskrift)';
  return (
    <li className="draft-row">
      <span>
        <strong>{label}</strong> <span className="hint">gemt {formatDateTime(draft.updatedAt)}</span>
      </span>
      <button type="button" onClick={onResume} disabled={disabled} aria-label={`Fortsæt kladden ${label}`}>
        Fortsæt
      </button>
      <button type="button" onClick={() => void remove.run()} aria-label={`Slet kladden ${label}`}>
        Slet
      </button>
      <ErrorText as="span" error={remove.error} />
    </li>
  );
}

function partyText(m: CitizenMessage): string {
  if (m.from.userType === 1) return `${m.from.fullName} (borger)`;
  return m.from.organisationType !== null ? `${m.from.fullName} (${authorityText(m.from.organisationType, m.from.organisationCode)})` : m.from.fullName;
}

function ThreadView({
  thread,
  onReply,
  onAnswer,
  onNewRecommendation,
  org,
}: {
  thread: MessageThread;
  onReply: (m: CitizenMessage) => void;
  onAnswer: (m: CitizenMessage) => void;
  onNewRecommendation: () => void;
  org: OrgType | null;
}) {
  const codes = useCodes();
  const [preview, setPreview] = useState<{ fileName: string; bytes: Uint8Array } | null>(null);
  const [xml, setXml] = useState<{ fileName: string; text: string } | null>(null);
  // The file a failure is about, named before the reason.
  const [failedDoc, setFailedDoc] = useState('');
  const last = thread.messages[thread.messages.length - 1];
  const fromAkasse = thread.messages.find((m) => m.contextType === 11 && m.from.organisationType === ORGANISATION_TYPE_ID.akasse);
  const answered = fromAkasse ? thread.messages.some((m) => m.responseToId !== null && m.from.organisationType === ORGANISATION_TYPE_ID.jobcenter) : false;
  const canAnswer = org === 'jobcenter';
  // The jobcenter's first reply in a recommendation's thread answers the recommendation itself.
  const replyTarget = canAnswer && fromAkasse && !answered ? fromAkasse : last;

  const openDoc = useAction(async (m: CitizenMessage, d: CitizenMessage['documents'][number]) => {
    setFailedDoc(d.fileName);
    const r = await call('messages.document', { cpr: m.cpr, documentId: d.id });
    if (r.mimeType === 'application/pdf') setPreview({ fileName: r.fileName, bytes: r.bytes });
    else setXml({ fileName: r.fileName, text: new TextDecoder('utf-8', { fatal: false }).decode(r.bytes) });
  });

  return (
    <article className="thread" aria-labelledby="thread-subject">
      <h3 id="thread-subject">{thread.subject}</h3>
      <p className="hint">{codes.label('CitizenMessageContextTypeIdentifier', thread.contextType, 'Beskedtype')}</p>
      <ol className="messages">
        {thread.messages.map((m) => (
          <li key={m.id} className="message">
            <div className="message-head">
              <span className="from">{partyText(m)}</span>
              <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
            </div>
            {m.subject !== thread.subject && <p className="message-subject">{m.subject}</p>}
            <div className="message-body">{m.body}</div>
            {m.documents.length > 0 && (
              <ul className="documents" aria-label="Bilag">
                {m.documents.map((d) => (
                  <li key={d.id}>
                    <button type="button" onClick={() => void openDoc.run(m, d)}>
                      Åbn {d.fileName} ({d.mimeType === 'application/pdf' ? 'PDF' : 'XML'}, {formatSize(d.size)})
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
        {thread.pending.map((p) => (
          <li key={p.commandId} className="message pending">
            <div className="message-head">
              <span className="from">Dig</span>
              <span className="state">
                {OUTBOX_STATE_TEXT[p.state]}
                {p.state === 'rejected' ? ' – se udbakken' : ''}
              </span>
            </div>
            <div className="message-body">{p.body}</div>
          </li>
        ))}
      </ol>
      <ErrorText error={openDoc.error} prefix={`${failedDoc}:`} />
      <div className="thread-actions">
        {canAnswer && fromAkasse && !answered && (
          <button type="button" className="primary" onClick={() => onAnswer(fromAkasse)}>
            Besvar indstillingen
          </button>
        )}
        {replyTarget && (replyTarget.allowReply || replyTarget.channel === 4) && (
          <button type="button" onClick={() => onReply(replyTarget)}>
            Svar i tråden
          </button>
        )}
        {org === 'akasse' && thread.contextType === RECOMMENDATION_TYPE && (
          <button type="button" onClick={onNewRecommendation}>
            Ny indstilling
          </button>
        )}
      </div>
      {preview && <PdfPreview fileName={preview.fileName} bytes={preview.bytes} onClose={() => setPreview(null)} />}
      {xml && (
        <Modal title={xml.fileName} onClose={() => setXml(null)} wide>
          <pre className="xml">{xml.text}</pre>
        </Modal>
      )}
    </article>
  );
}
