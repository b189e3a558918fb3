// WsrmService (CreateSequence, TerminateSequence, CloseSequence) and WsrmMessageService
// (Get<Event>Version<N>): DFDG's pull model for notifications (wire-contract §2.8).
//
// Semantics (ASSUMED where DFDG's are unpublished; see wire-contract §6):
//  - CreateSequence offers every unacknowledged message of the caller's organisation, oldest first,
//    at most 500. Messages are not locked to a sequence: a new CreateSequence offers them again
//    until a TerminateSequence acknowledges them (several pollers of one organisation each get them).
//  - Get<Event>Version<N> returns the items of that kind in the sequence (as offered).
//  - TerminateSequence acknowledges and deletes every message of the sequence; CloseSequence
//    cancels it (nothing is deleted). Both end the sequence; using it afterwards → 1014.
//  - A sequence not terminated within 10 minutes is closed by the sandbox.
//  - A message DFDG cannot validate (seed 001: an empty 'Lokationsuddybning'; raised here through
//    the admin endpoint with `invalid`) makes Get<Event> of its kind fail with 1014 for the whole
//    sequence; the other kinds answer as usual.

import crypto from 'node:crypto';
import { Reject } from '../http';
import { NOTIFICATION_METHODS, type StoredNotification } from '../model';
import { str } from '../schema';
import type { SoapCtx, SoapOperation, SoapService } from '../soap';
import type { SandboxState, WsrmSequence } from '../state';
import { el, type WEl } from '../xml';

const MAX_PER_SEQUENCE = 500;
export const SEQUENCE_TTL_MS = 10 * 60_000;

function expire(state: SandboxState, now = Date.now()): void {
  for (const [id, s] of state.sequences) if (now - s.created > SEQUENCE_TTL_MS) state.sequences.delete(id);
}

function sequenceOf(ctx: SoapCtx): WsrmSequence {
  const state = ctx.env.state;
  expire(state);
  const id = str(ctx.body, 'SequenceIdentifier').toLowerCase();
  const seq = state.sequences.get(id);
  if (!seq || seq.org !== ctx.caller.org.id) throw new Reject(1014, 'Unknown SequenceIdentifier');
  return seq;
}

function createSequence(ctx: SoapCtx): WEl[] {
  const state = ctx.env.state;
  expire(state);
  const org = ctx.caller.org.id;
  const messages = [...state.queue(org).values()].slice(0, MAX_PER_SEQUENCE);
  const seq: WsrmSequence = { id: crypto.randomUUID(), org, created: Date.now(), messages };
  state.sequences.set(seq.id, seq);
  return [
    el('SequenceIdentifier', seq.id),
    el('Messages', messages.map((m) => el('Message', [el('MessageIdentifier', m.messageIdentifier), el('MethodName', m.method)]))),
  ];
}

function terminateSequence(ctx: SoapCtx): WEl[] {
  const seq = sequenceOf(ctx);
  ctx.env.state.sequences.delete(seq.id);
  const q = ctx.env.state.queue(seq.org);
  const present = seq.messages.map((m) => m.messageIdentifier).filter((id) => q.has(id));
  if (present.length > 0) ctx.env.state.acknowledge(seq.org, present);
  return [];
}

function closeSequence(ctx: SoapCtx): WEl[] {
  const seq = sequenceOf(ctx);
  ctx.env.state.sequences.delete(seq.id);
  return [];
}

function itemXml(n: StoredNotification): WEl {
  return el('Item', [
    el('MessageIdentifier', n.messageIdentifier),
    el('PersonCivilRegistrationIdentifier', n.cpr),
    el('WSRMMetadata', [
      el('ClientSystemTypeIdentifier', 30),
      el('RegisteringAuthority', [el('OrganisationTypeIdentifier', n.registeringAuthority.orgTypeId), el('OrganisationCode', n.registeringAuthority.code)]),
      el('RegisteringUser', [el('UserFullName', n.registeringUser.fullName), el('UserIdentifier', n.registeringUser.userIdentifier)]),
      el('EventDateTime', n.eventDateTime),
    ]),
    el('ChangeType', n.changeType),
    ...n.extras.map(([k, v]) => (v === null ? null : el(k, v))),
  ]);
}

function getItems(method: string) {
  return (ctx: SoapCtx): WEl[] => {
    const seq = sequenceOf(ctx);
    const items = seq.messages.filter((n) => n.method === method);
    if (items.some((n) => n.invalid)) throw new Reject(1014, 'Failed to validate message');
    return [el('Items', items.map(itemXml))];
  };
}

const SEQ_SPEC = { SequenceIdentifier: { t: 'guid' as const } };

export const wsrmService: SoapService = {
  name: 'WsrmService',
  ops: {
    CreateSequence: { spec: {}, handle: createSequence },
    TerminateSequence: { spec: SEQ_SPEC, handle: terminateSequence },
    CloseSequence: { spec: SEQ_SPEC, handle: closeSequence },
  },
};

export const wsrmMessageService: SoapService = {
  name: 'WsrmMessageService',
  ops: Object.fromEntries(NOTIFICATION_METHODS.map((m): [string, SoapOperation] => [m, { spec: SEQ_SPEC, handle: getItems(m) }])),
};
