import type { Cpr } from '../../../../shared/domain';
import type { IpcHandlers } from '../../../../shared/ipc';
import { CoreError } from '../../errors';
import type { CommandPayloads } from '../../sync/commands';
import { isMessageKind } from '../../sync/commands';
import { isAccessDenied, isTransient, type CoreContext } from '../context';
import { denyCitizen, readPart } from '../reads';
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

export function messageHandlers(c: CoreContext): Pick<IpcHandlers, 'messages.threads' | 'messages.document'> {
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

    async 'messages.document'({ cpr, documentId }) {
      c.requireIdentity();
      const doc = c.store.messages.document(documentId);
      if (!doc || doc.cpr !== cpr) throw new CoreError('not-found', 'Dokumentet findes ikke blandt borgerens beskeder. Opdatér beskederne og prøv igen.');
      if (doc.sha256) {
        const bytes = c.store.blobs.get(doc.sha256);
        if (bytes) {
          c.audit.record({ cpr, action: 'document.read', source: 'cache', purpose: 'dialog' });
          return { fileName: doc.fileName, mimeType: doc.mimeType, bytes: new Uint8Array(bytes) };
        }
      }
      let bytes: Buffer;
      try {
        bytes = await c.dfdg((cl, ctx) => cl.citizenMessage.getCitizenMessageDocument(ctx, cpr, documentId));
      } catch (e) {
        if (isAccessDenied(e)) denyCitizen(c, cpr, 'document.read', 'dialog', e);
        c.audit.record({ cpr, action: 'document.read', source: 'dfdg', purpose: 'dialog', outcome: 'error' });
        if (isTransient(e)) throw new CoreError('offline', 'Dokumentet er ikke hentet endnu, og DFDG kan ikke nås lige nu. Prøv igen, når forbindelsen er tilbage.');
        throw e;
      }
      const sha = c.store.blobs.put(bytes);
      c.store.messages.setDocumentContent(documentId, sha, c.nowIso());
      c.audit.record({ cpr, action: 'document.read', source: 'dfdg', purpose: 'dialog' });
      return { fileName: doc.fileName, mimeType: doc.mimeType, bytes: new Uint8Array(bytes) };
    },
  };
}
