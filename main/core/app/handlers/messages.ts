import type { Cpr } from '../../../../shared/domain';
import { safeFileName } from '../../../../shared/fileNames';
import type { ChannelResponse, IpcHandlers } from '../../../../shared/ipc';
import type { CachedCitizen } from '../../store/repos/citizens';
import { CoreError } from '../../errors';
import type { CommandPayloads } from '../../sync/commands';
import { isMessageKind } from '../../sync/commands';
import { isAccessDenied, isTransient, offlineError, type CoreContext } from '../context';
import { denyCitizen, mayShow, readPart, requireAccess } from '../reads';
import { buildThreads, type PendingForThread } from '../threads';

/** Unsent message commands of a citizen, for optimistic display in their thread. */
export function pendingMessages(c: CoreContext, cpr: Cpr): PendingForThread[] {
  return c.outbox
    .byCpr(cpr, ['queued', 'sending', 'failed', 'rejected'])
    .filter((r) => isMessageKind(r.kind) && r.command)
    .map((r) => {
      const p = r.command!.payload as CommandPayloads['message.create'];
      return {
        commandId: r.id,
        state: r.state,
        subject: p.subject,
        body: p.body,
        createdAt: r.createdAt,
        attachments: p.attachments,
        responseToId: p.responseToId,
        contextType: p.contextType,
      };
    });
}

type Hit = ChannelResponse<'messages.search'>['hits'][number];

export function messageHandlers(c: CoreContext): Pick<IpcHandlers, 'messages.threads' | 'messages.search' | 'messages.document'> {
  return {
    async 'messages.threads'({ cpr }) {
      c.requireIdentity();
      const freshness = await readPart(c, cpr, 'messages', {
        action: 'messages.read',
        purpose: 'dialog',
        fetch: (cl, ctx) => cl.citizenMessage.getCitizenMessages(ctx, cpr),
        save: (msgs, at) => c.store.messages.replaceForCitizen(cpr, msgs, at),
      });
      const threads = buildThreads(cpr, c.store.messages.listByCpr(cpr), pendingMessages(c, cpr));
      return { threads, freshness };
    },

    async 'messages.search'({ query, limit }) {
      c.requireIdentity();
      const want = limit ?? 50;
      // The cache holds only what DFDG showed this organisation; the citizen must still be one it may
      // see (a citizen refused since, or not cached at all, is left out). Newest first.
      const seen = new Map<string, CachedCitizen | null>();
      const hits: Hit[] = [];
      for (const h of c.store.messages.search(query, { limit: want * 4 })) {
        if (!seen.has(h.cpr)) seen.set(h.cpr, c.store.citizens.get(h.cpr));
        const cc = seen.get(h.cpr);
        if (!cc || !mayShow(c, cc)) continue;
        hits.push({ messageId: h.id, cpr: h.cpr, citizenName: cc.citizen.name, subject: h.subject, createdAt: h.createdAt });
        if (hits.length >= want) break;
      }
      // ACCESS_AUDIT: one entry per citizen whose messages were shown.
      const cprs = [...new Set(hits.map((h) => h.cpr))];
      if (cprs.length) {
        c.store.transaction(() => {
          for (const cpr of cprs) c.audit.record({ cpr, action: 'messages.search', source: 'cache', purpose: 'search' });
        });
      }
      return { hits, source: 'cache' as const };
    },

    async 'messages.document'({ cpr, documentId }) {
      c.requireIdentity();
      requireAccess(c, cpr, 'document.read', 'dialog');
      const doc = c.store.messages.document(documentId);
      if (!doc || doc.cpr !== cpr) throw new CoreError('not-found', 'Dokumentet findes ikke blandt borgerens beskeder. Opdatér beskederne og prøv igen.');
      if (doc.sha256) {
        const bytes = c.store.blobs.get(doc.sha256);
        if (bytes) {
          c.audit.record({ cpr, action: 'document.read', source: 'cache', purpose: 'dialog' });
          return { fileName: safeFileName(doc.fileName, doc.mimeType), mimeType: doc.mimeType, bytes: new Uint8Array(bytes) };
        }
      }
      let bytes: Buffer;
      try {
        bytes = await c.dfdg((cl, ctx) => cl.citizenMessage.getCitizenMessageDocument(ctx, cpr, documentId));
      } catch (e) {
        if (isAccessDenied(e)) denyCitizen(c, cpr, 'document.read', 'dialog', e);
        c.audit.record({ cpr, action: 'document.read', source: 'dfdg', purpose: 'dialog', outcome: 'error' });
        if (isTransient(e)) throw offlineError(c, e, 'Dokumentet er ikke hentet endnu, og DFDG kan ikke nås lige nu. Prøv igen, når forbindelsen er tilbage.', 'Dokumentet er ikke hentet endnu.');
        throw e;
      }
      const sha = c.store.blobs.put(bytes);
      c.store.messages.setDocumentContent(documentId, sha, c.nowIso());
      c.audit.record({ cpr, action: 'document.read', source: 'dfdg', purpose: 'dialog' });
      return { fileName: safeFileName(doc.fileName, doc.mimeType), mimeType: doc.mimeType, bytes: new Uint8Array(bytes) };
    },
  };
}
