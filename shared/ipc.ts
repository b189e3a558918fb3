// The IPC contract's names: every channel the renderer can invoke and every event main sends, and the
// types of their requests, responses and payloads. No zod here (types only from ./contract): this is
// all preload bundles, so window.dfdg can refuse a name outside the contract without shipping the
// schemas. The schemas live in ./contract; its `satisfies` and test/shared/ipc.test.ts keep the two
// lists of names the same. The IPC surface snapshot test (test/main/ipc-surface.test.ts) shows every
// widening.

import type { z } from 'zod';
import type { ChannelMap, EventMap, zIpcError, zSettings } from './contract';

/** Every channel, in the order of the contract. */
export const channelNames = [
  'app.info',
  'settings.get',
  'settings.save',
  'settings.importCertificate',
  'settings.setHub',
  'citizens.search',
  'citizens.open',
  'citizens.refresh',
  'messages.threads',
  'messages.search',
  'messages.document',
  'drafts.list',
  'drafts.get',
  'drafts.create',
  'drafts.save',
  'drafts.delete',
  'drafts.submit',
  'attachments.add',
  'attachments.remove',
  'attachments.get',
  'templates.list',
  'templates.save',
  'templates.delete',
  'absences.list',
  'absences.create',
  'absences.update',
  'absences.delete',
  'plan.list',
  'plan.endActivity',
  'plan.updateActivity',
  'meetings.list',
  'meetings.create',
  'meetings.update',
  'meetings.cancel',
  'joblog.list',
  'companies.lookup',
  'advisories.list',
  'advisories.take',
  'advisories.done',
  'advisories.reopen',
  'hub.page',
  'hub.get',
  'hub.act',
  'hub.takeNext',
  'hub.handover',
  'hub.team',
  'hub.commands',
  'hub.dismiss',
  'recommendations.answer',
  'outbox.list',
  'outbox.retry',
  'outbox.cancel',
  'outbox.get',
  'outbox.resubmit',
  'sync.now',
  'retention.status',
  'retention.purge',
  'codelists.get',
  'audit.list',
  'audit.export',
] as const;

/** Every event main sends to the renderer. */
export const eventNames = [
  'outbox.changed',
  'sync.progress',
  'connectivity.changed',
  'inbox.changed',
  'citizen.updated',
  'hub.status',
] as const;

export type Channel = (typeof channelNames)[number];
export type EventName = (typeof eventNames)[number];

export type ChannelRequest<C extends Channel> = z.input<ChannelMap[C]['request']>;
export type ChannelResponse<C extends Channel> = z.output<ChannelMap[C]['response']>;
export type EventPayload<E extends EventName> = z.output<EventMap[E]>;

export type IpcError = z.output<typeof zIpcError>;
export type IpcErrorKind = IpcError['kind'];
export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };

export type Settings = z.output<typeof zSettings>;

/** What preload exposes as window.dfdg (and what the e2e test bridge implements). */
export interface DfdgBridge {
  invoke<C extends Channel>(channel: C, request: ChannelRequest<C>): Promise<IpcResult<ChannelResponse<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The implementation main/core provides: one async function per channel, given a parsed request. */
export type IpcHandlers = {
  [C in Channel]: (request: z.output<ChannelMap[C]['request']>) => Promise<ChannelResponse<C>>;
};

/** The Electron IPC channel name for a contract channel (one prefix, checked by main). */
export const IPC_PREFIX = 'dfdg:';
export const ipcChannelName = (c: Channel) => `${IPC_PREFIX}${c}`;
export const ipcEventName = (e: EventName) => `${IPC_PREFIX}event:${e}`;

const CHANNELS: ReadonlySet<string> = new Set(channelNames);
const EVENTS: ReadonlySet<string> = new Set(eventNames);

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && CHANNELS.has(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && EVENTS.has(name);
}
