import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NotificationItem } from '../../../shared/domain';
import { advisoryFor } from '../../../shared/advisories';
import { openStore, type Store } from '../../../main/core/store';
import { Outbox } from '../../../main/core/sync/outbox';
import { NotificationPoller } from '../../../main/core/sync/poller';
import { AKASSE_IDENTITY, citizen, CPR_A, CPR_B, JOBCENTER_IDENTITY, message } from '../support/fixtures';
import { FakeDfdg } from '../support/fakeDfdg';
import { tempDataDir } from '../support/tmp';
import { messagePayload } from './helpers';

let tmp: ReturnType<typeof tempDataDir>;
let store: Store;
let fake: FakeDfdg;
const now = new Date('2026-11-22T09:00:00.000Z');

beforeEach(() => {
  tmp = tempDataDir();
  store = openStore({ dataDir: tmp.dir, key: tmp.key });
  fake = new FakeDfdg();
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

function item(over: Partial<NotificationItem>): NotificationItem {
  return {
    messageIdentifier: randomUUID(),
    kind: 'GetCitizenMessageVersion1',
    cpr: CPR_A,
    changeType: 1,
    eventAt: now.toISOString(),
    registeringOrganisation: { organisationType: 8, organisationCode: '10100' },
    registeringUser: { fullName: 'Jens Jobcenter', userIdentifier: 'CVR:1-UUID:2' },
    entityId: randomUUID(),
    details: {},
    ...over,
  };
}

function poller(identity = AKASSE_IDENTITY, clients = fake.clients()) {
  return new NotificationPoller({ store, outbox: new Outbox(store, () => now), clients: () => clients, identity: () => identity, clock: () => now });
}

describe('notification poller', () => {
  it('turns a received recommendation into a jobcenter advisory with a due date, and acknowledges after storing', async () => {
    store.citizens.upsert(citizen({ cpr: CPR_A, name: 'Mette Sørensen' }));
    store.cacheMeta.set(CPR_A, 'messages', now.toISOString());
    fake.notifications = [item({ details: { contextType: 11, responseToId: null }, registeringOrganisation: { organisationType: 2, organisationCode: '067' } })];
    const r = await poller(JOBCENTER_IDENTITY).pollNow();
    expect(r).toMatchObject({ received: 1, stored: 1, advisories: 1 });
    const { advisories } = store.advisories.list();
    expect(advisories).toMatchObject([
      { kind: 'recommendation-received', cpr: CPR_A, citizenName: 'Mette Sørensen', status: 'open', dueDate: '2026-12-06', title: 'Indstilling om tilbud modtaget fra a-kassen' },
    ]);
    expect(store.cacheMeta.get(CPR_A, 'messages')).toBeNull();
    expect(fake.notifications).toHaveLength(0);
    expect(fake.calls.map((c) => c.op).at(-1)).toBe('WsrmService.TerminateSequence');
  });

  it('knows an answer to our own recommendation, an offer granted, a member switching, and ignores our own absence', async () => {
    store.messages.upsertMany([message({ id: 'rec-1', contextType: 11 })], now.toISOString());
    fake.notifications = [
      item({ details: { contextType: 1, responseToId: 'rec-1' } }),
      item({ kind: 'GetActivityGeneralEventVersion3', details: { activationType: 3 } }),
      // A Mentorforløb: an activity without an offer type is not called an offer.
      item({ kind: 'GetActivityGeneralEventVersion3', details: {} }),
      item({ kind: 'GetPersonUnemploymentFundSaveMembershipVersion5', cpr: CPR_B, entityId: null, registeringOrganisation: null, details: { akasseCode: '084', previousAkasseCode: '067' } }),
      item({ kind: 'GetAbsenceVersion1', registeringOrganisation: { organisationType: 2, organisationCode: '067' }, details: { absenceType: 10 } }),
      item({ kind: 'GetAbsenceVersion1', changeType: 3, details: { absenceType: 10 } }),
    ];
    await poller().pollNow();
    const kinds = store.advisories.list({ sort: 'kind' }).advisories.map((a) => [a.kind, a.title]);
    expect(kinds).toEqual([
      ['absence-by-other', 'Fravær slettet af jobcentret'],
      ['membership-changed', 'Medlemmet er skiftet til en anden a-kasse'],
      ['offer-granted', 'Tilbud oprettet i Min plan af jobcentret'],
      ['offer-granted', 'Aktivitet oprettet i Min plan af jobcentret'],
      ['recommendation-answered', 'Jobcentret har svaret på jeres indstilling om tilbud'],
    ]);
    expect(store.notifications.count()).toBe(6);
  });

  it('raises "Bevilling ikke godkendt" with its evidence when an offer ends with ophørsårsag 14, and nothing for another end or a jobcenter', async () => {
    const vitas = { organisationType: 1, organisationCode: '1' };
    const ended = (endReason: number | null, activationType: number | null = 2) =>
      item({ kind: 'GetActivityGeneralEventVersion3', changeType: 2, registeringOrganisation: vitas, details: { activationType, start: '2026-12-19', end: '2027-01-05', endReason } });
    // The derivation alone (shared/advisories, used by the hub's intake too).
    const ctx = { org: AKASSE_IDENTITY.organisation, now, citizenName: null, isOwnRecommendation: () => false, recommendationAnswerDays: 14 };
    expect(advisoryFor(ended(14), ctx, 'a1')).toMatchObject({
      kind: 'grant-not-approved',
      title: 'Bevilling ikke godkendt: Virksomhedspraktik, start 19-12-2026, afsluttet 05-01-2027 med ophørsårsag 14 »Bevilling ikke godkendt« i Min plan',
    });
    expect(advisoryFor(ended(15), ctx, 'a2')).toBeNull();
    expect(advisoryFor(ended(1), ctx, 'a3')).toBeNull();
    // A Mentorforløb (no offer type) is not a grant.
    expect(advisoryFor(ended(14, null), ctx, 'a4')).toBeNull();
    expect(advisoryFor(ended(14), { ...ctx, org: JOBCENTER_IDENTITY.organisation }, 'a5')).toBeNull();

    // Through the a-kasse's poller: stored as an open advisory, Min plan marked stale.
    store.cacheMeta.set(CPR_A, 'activities', now.toISOString());
    fake.notifications = [ended(14), ended(1)];
    const r = await poller().pollNow();
    expect(r).toMatchObject({ received: 2, stored: 2, advisories: 1 });
    expect(store.advisories.list().advisories).toMatchObject([{ kind: 'grant-not-approved', cpr: CPR_A, status: 'open', title: expect.stringContaining('ophørsårsag 14 »Bevilling ikke godkendt«') }]);
    expect(store.cacheMeta.get(CPR_A, 'activities')).toBeNull();
  });

  it('knows an answer to a recommendation it sent from the outbox receipt alone (the message itself not cached), and only a type 11 one', async () => {
    const outbox = new Outbox(store, () => now);
    const sent = (contextType: number) =>
      store.transaction(() => {
        const rec = outbox.enqueue({ kind: 'message.create', cpr: CPR_A, org: 'akasse:067', citizenName: null, summary: 'x', payload: messagePayload(CPR_A, 'Indstilling', { contextType }) });
        outbox.markSending(rec.id);
        const entityId = randomUUID();
        outbox.markSent(rec.id, { messageIdentifier: null, entityId, eventDate: null });
        return entityId;
      });
    const recommendation = sent(11);
    const plain = sent(1);
    fake.notifications = [item({ details: { contextType: 1, responseToId: recommendation } }), item({ details: { contextType: 1, responseToId: plain } })];
    await poller().pollNow();
    expect(store.advisories.list({ sort: 'kind' }).advisories.map((a) => a.kind)).toEqual(['message-received', 'recommendation-answered']);
  });

  it('stores items once when the acknowledgement is lost and they come again', async () => {
    fake.notifications = [item({ details: { contextType: 11 } }), item({ kind: 'GetIndkaldelseVersion1', registeringOrganisation: { organisationType: 2, organisationCode: '067' } })];
    const clients = fake.clients();
    const terminate = clients.wsrm.terminateSequence;
    let failTerminate = true;
    clients.wsrm.terminateSequence = async (ctx, id) => {
      if (failTerminate) {
        failTerminate = false;
        throw new Error('process died before the acknowledgement');
      }
      return terminate(ctx, id);
    };
    const p = poller(JOBCENTER_IDENTITY, clients);
    await expect(p.pollNow()).rejects.toThrow();
    expect(store.notifications.count()).toBe(2);
    expect(fake.notifications).toHaveLength(2);

    const again = await p.pollNow();
    expect(again).toMatchObject({ received: 2, stored: 0, advisories: 0 });
    expect(store.notifications.count()).toBe(2);
    expect(store.advisories.list().total).toBe(2);
    expect(fake.notifications).toHaveLength(0);
  });

  it('cancels the sequence when fetching fails, so nothing is acknowledged unseen', async () => {
    fake.notifications = [item({ details: { contextType: 11 } })];
    fake.queued = [];
    const clients = fake.clients();
    clients.wsrm.getItems = async () => {
      throw new Error('reset');
    };
    await expect(poller(JOBCENTER_IDENTITY, clients).pollNow()).rejects.toThrow('reset');
    expect(store.notifications.count()).toBe(0);
    expect(fake.notifications).toHaveLength(1);
    expect(fake.calls.map((c) => c.op)).toEqual(['WsrmService.CreateSequence', 'WsrmService.CloseSequence']);
  });
});
