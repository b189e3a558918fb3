// WsrmService + WsrmMessageService, SOAP: notifications by pull (docs/wire-contract.md §2.8).
// CreateSequence → Get<Event>VersionN per kind → TerminateSequence (acknowledge) or CloseSequence (cancel).
//
// ASSUMED (wire-contract.md §2.8): the name TerminateSequence, Items/Item as the answer of the
// Get<Event> methods, the element ChangeType, the method names GetCitizenMessageVersion1 and
// GetAbsenceVersion1, and the per-kind elements listed in KINDS below.

import type { NotificationItem, NotificationKind } from '../../../shared/domain';
import { xmlOf, type Reader, type SoapService, type XNode } from './soap';
import type { WsrmClient, WsrmItemResult } from './types';
import { DfdgError } from './errors';
import { WireError } from './values';

type Details = NotificationItem['details'];

interface KindCodec {
  /** The element holding the entity to fetch (null: the item itself is the news). */
  entity: string | null;
  details(r: Reader, item: XNode): Details;
}

/**
 * Per kind: the entity id and the readable `details` keys the poller may rely on.
 * - GetCitizenMessageVersion1: entityId = message id; details { contextType, responseToId }
 * - GetAbsenceVersion1: entityId = absence id; details { absenceType }
 * - GetActivityGeneralEventVersion3: entityId = activity id; details { activationType, start, end, endReason }
 * - GetPersonUnemploymentFundSaveMembershipVersion5: entityId = null; details { akasseCode, previousAkasseCode, membershipStart }
 * - GetIndkaldelseVersion1: entityId = invitation id; details {}
 */
export const KINDS: Record<NotificationKind, KindCodec> = {
  GetCitizenMessageVersion1: {
    entity: 'CitizenMessageIdentifier',
    details: (r, i) => ({
      contextType: r.optInt(i, 'CitizenMessageContextTypeIdentifier'),
      responseToId: r.optStr(i, 'ResponseToMessageIdentifier')?.toLowerCase() ?? null,
    }),
  },
  GetAbsenceVersion1: {
    entity: 'AbsenceIdentifier',
    details: (r, i) => ({ absenceType: r.optInt(i, 'AbsenceTypeIdentifier') }),
  },
  GetActivityGeneralEventVersion3: {
    entity: 'ActivityIdentifier',
    details: (r, i) => ({
      activationType: r.optInt(i, 'ActivationTypeIdentifier'),
      start: r.optDate(i, 'ActivityStartDate'),
      end: r.optDate(i, 'ActivityEndDate'),
      endReason: r.optInt(i, 'ActivityEndReasonTypeIdentifier'),
    }),
  },
  GetPersonUnemploymentFundSaveMembershipVersion5: {
    entity: null,
    details: (r, i) => ({
      akasseCode: r.optStr(i, 'UnemploymentFundCode'),
      previousAkasseCode: r.optStr(i, 'PreviousUnemploymentFundCode'),
      membershipStart: r.optDate(i, 'MembershipStartDate'),
    }),
  },
  GetIndkaldelseVersion1: {
    entity: 'IndkaldelseIdentifier',
    details: () => ({}),
  },
};

export const NOTIFICATION_KINDS = Object.keys(KINDS) as NotificationKind[];

function readItem(r: Reader, kind: NotificationKind, item: XNode): NotificationItem {
  const codec = KINDS[kind];
  const meta = r.opt(item, 'WSRMMetadata');
  const org = meta && r.opt(meta, 'RegisteringAuthority');
  const user = meta && r.opt(meta, 'RegisteringUser');
  const change = r.optInt(item, 'ChangeType');
  return {
    messageIdentifier: r.str(item, 'MessageIdentifier').toLowerCase(),
    kind,
    cpr: r.str(item, 'PersonCivilRegistrationIdentifier'),
    changeType: change === 1 || change === 2 || change === 3 ? change : null,
    eventAt: meta ? r.optDateTime(meta, 'EventDateTime') : null,
    registeringOrganisation: org ? { organisationType: r.int(org, 'OrganisationTypeIdentifier'), organisationCode: r.str(org, 'OrganisationCode') } : null,
    registeringUser: user ? { fullName: r.optStr(user, 'UserFullName') ?? '', userIdentifier: r.optStr(user, 'UserIdentifier') ?? '' } : null,
    entityId: codec.entity ? (r.optStr(item, codec.entity)?.toLowerCase() ?? null) : null,
    details: codec.details(r, item),
  };
}

const isKind = (name: string): name is NotificationKind => Object.hasOwn(KINDS, name);

/** One item read leniently: a malformed item (or one of a kind this client cannot read) is kept as XML with the reason. */
function readItemResult(r: Reader, methodName: string, item: XNode): WsrmItemResult {
  if (isKind(methodName)) {
    try {
      return { ok: true, item: readItem(r, methodName, item) };
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
      return { ok: false, messageIdentifier: r.optStr(item, 'MessageIdentifier')?.toLowerCase() ?? null, error: e.message, xml: xmlOf(item) };
    }
  }
  return { ok: false, messageIdentifier: r.optStr(item, 'MessageIdentifier')?.toLowerCase() ?? null, error: `Ukendt WSRM-metode: ${methodName}`, xml: xmlOf(item) };
}

export function wsrmClient(sequences: SoapService, messages: SoapService): WsrmClient {
  return {
    createSequence(ctx) {
      return sequences.request(ctx, 'CreateSequence', {}, { write: false }, (res, r) => ({
        sequenceId: r.str(res, 'SequenceIdentifier').toLowerCase(),
        messages: r.list(res, 'Messages', 'Message').map((m) => ({
          messageIdentifier: r.str(m, 'MessageIdentifier').toLowerCase(),
          methodName: r.str(m, 'MethodName'),
        })),
      }));
    },

    async getItems(ctx, sequenceId, kind) {
      if (!Object.hasOwn(KINDS, kind)) {
        throw new DfdgError({
          code: null,
          text: `Ukendt WSRM-metode: ${String(kind)}`,
          service: messages.service,
          operation: String(kind),
          transient: false,
          kind: 'protocol',
        });
      }
      return messages.request(ctx, kind, { SequenceIdentifier: sequenceId }, { write: false }, (res, r) =>
        r.list(res, 'Items', 'Item').map((i) => readItem(r, kind, i)),
      );
    },

    async getItemResults(ctx, sequenceId, methodName) {
      const res = await messages.call(ctx, methodName, { SequenceIdentifier: sequenceId }, { write: false });
      return messages.read.list(res, 'Items', 'Item').map((i) => readItemResult(messages.read, methodName, i));
    },

    async terminateSequence(ctx, sequenceId) {
      await sequences.call(ctx, 'TerminateSequence', { SequenceIdentifier: sequenceId }, { write: true });
    },

    async closeSequence(ctx, sequenceId) {
      await sequences.call(ctx, 'CloseSequence', { SequenceIdentifier: sequenceId }, { write: true });
    },
  };
}
