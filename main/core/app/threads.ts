import type { CitizenMessage, MessageThread, PendingMessage } from '../../../shared/domain';

export interface PendingForThread extends PendingMessage {
  responseToId: string | null;
  contextType: number;
}

/**
 * Threads from ResponseToMessageIdentifier chains: each message joins the thread of the message it
 * answers (followed to the first message whose parent is unknown). Unsent commands join the thread
 * of the message they answer; a new message without a parent is a thread of its own (rootId = the
 * command id). Messages oldest first; threads with the latest activity first.
 */
export function buildThreads(cpr: string, messages: CitizenMessage[], pending: PendingForThread[]): MessageThread[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const rootOf = new Map<string, string>();
  const findRoot = (id: string): string => {
    const seen = new Set<string>();
    let cur = id;
    for (;;) {
      const known = rootOf.get(cur);
      if (known) return known;
      const m = byId.get(cur);
      const parent = m?.responseToId;
      if (!parent || !byId.has(parent) || seen.has(parent)) return cur;
      seen.add(cur);
      cur = parent;
    }
  };
  const threads = new Map<string, MessageThread>();
  const threadFor = (rootId: string, root: { subject: string; contextType: number; createdAt: string }): MessageThread => {
    let t = threads.get(rootId);
    if (!t) {
      t = { rootId, cpr, subject: root.subject, contextType: root.contextType, lastActivityAt: root.createdAt, messages: [], pending: [] };
      threads.set(rootId, t);
    }
    return t;
  };
  const sorted = [...messages].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const m of sorted) {
    const rootId = findRoot(m.id);
    rootOf.set(m.id, rootId);
    const root = byId.get(rootId) ?? m;
    const t = threadFor(rootId, root);
    t.messages.push(m);
    if (m.createdAt > t.lastActivityAt) t.lastActivityAt = m.createdAt;
  }
  for (const p of pending) {
    const rootId = p.responseToId && byId.has(p.responseToId) ? findRoot(p.responseToId) : p.commandId;
    const root = byId.get(rootId);
    const t = threadFor(rootId, root ?? { subject: p.subject, contextType: p.contextType, createdAt: p.createdAt });
    const { responseToId: _r, contextType: _c, ...pm } = p;
    t.pending.push(pm);
    if (p.createdAt > t.lastActivityAt) t.lastActivityAt = p.createdAt;
  }
  return [...threads.values()].sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt));
}
