import type { Identity } from '../../../shared/domain';
import { openStore, type Store } from '../../../main/core/store';
import type { CommandPayloads } from '../../../main/core/sync/commands';
import { SyncEngine, type EngineOptions } from '../../../main/core/sync/engine';
import { Outbox } from '../../../main/core/sync/outbox';
import { AKASSE_IDENTITY, citizen } from '../support/fixtures';
import { FakeDfdg } from '../support/fakeDfdg';
import { tempDataDir } from '../support/tmp';

export interface Rig {
  store: Store;
  outbox: Outbox;
  engine: SyncEngine;
  fake: FakeDfdg;
  dir: string;
  key: Buffer;
  events: string[];
  restart(opts?: Partial<EngineOptions>): Promise<void>;
  close(): Promise<void>;
}

/** Quick waits; no read-back window (the fake applies a request at once or never; the window is tested against the sandbox). */
export const FAST: Partial<EngineOptions> = { baseDelayMs: 1, maxDelayMs: 8, settleMs: 0, readBackWindowMs: 0, probeMs: 5, probeMaxMs: 20, stopTimeoutMs: 200 };

export function makeRig(opts: Partial<EngineOptions> = {}, identity: Identity = AKASSE_IDENTITY): Rig {
  const tmp = tempDataDir('dfdg-sync-');
  const fake = new FakeDfdg();
  const events: string[] = [];
  const build = (store: Store, o: Partial<EngineOptions>) => {
    const outbox = new Outbox(store, () => new Date());
    const engine = new SyncEngine({
      store,
      outbox,
      clients: () => fake.clients(),
      identity: () => identity,
      clock: () => new Date(),
      onEvent: (e) => events.push(e.type),
      ...FAST,
      ...opts,
      ...o,
    });
    return { outbox, engine };
  };
  const store = openStore({ dataDir: tmp.dir, key: tmp.key });
  const rig: Rig = {
    store,
    ...build(store, {}),
    fake,
    dir: tmp.dir,
    key: tmp.key,
    events,
    async restart(o = {}) {
      await rig.engine.stop();
      rig.store.close();
      rig.store = openStore({ dataDir: tmp.dir, key: tmp.key });
      Object.assign(rig, build(rig.store, o));
    },
    async close() {
      await rig.engine.stop();
      rig.store.close();
      tmp.cleanup();
    },
  };
  return rig;
}

export function addCitizen(fake: FakeDfdg, cpr: string): void {
  fake.citizens.set(cpr, citizen({ cpr, name: `Borger ${cpr.slice(6)}` }));
}

export function messagePayload(cpr: string, subject: string, over: Partial<CommandPayloads['message.create']> = {}): CommandPayloads['message.create'] {
  return {
    cpr,
    contextType: 11,
    channel: 4,
    subject,
    body: `Indstilling: virksomhedspraktik (${subject})`,
    allowReply: true,
    responseToId: null,
    to: { organisationType: 8, organisationCode: '10100' },
    attachments: [],
    sender: { organisationType: 2, organisationCode: AKASSE_IDENTITY.organisation.code, userIdentifier: AKASSE_IDENTITY.caseworker.userIdentifier },
    draft: null,
    ...over,
  };
}

export function enqueueMessage(rig: Rig, cpr: string, subject: string, over: Partial<CommandPayloads['message.create']> = {}): string {
  return rig.store.transaction(
    () => rig.outbox.enqueue({ kind: 'message.create', cpr, org: 'akasse:067', citizenName: null, summary: 'Besked', payload: messagePayload(cpr, subject, over) }).id,
  );
}

export function enqueueAbsence(rig: Rig, cpr: string, absenceId: string, type = 10): string {
  return rig.store.transaction(
    () =>
      rig.outbox.enqueue({
        kind: 'absence.create',
        cpr,
        org: 'akasse:067',
        citizenName: null,
        summary: 'Fravær',
        payload: { cpr, absenceId, input: { type, start: '2026-12-01', end: '2026-12-05', comment: null, notificationDate: '2026-11-22', endReason: null } },
      }).id,
  );
}

/** Distinct valid test CPRs: day 01-28, month 01-12, serial from n. */
export function cprN(n: number): string {
  const day = String((n % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(n / 28) % 12) + 1).padStart(2, '0');
  return `${day}${month}90${String(1000 + (n % 9000)).padStart(4, '0')}`;
}

/** Polls `cond` until it holds (every 5 ms, failing after `timeoutMs`). */
export async function waitFor(what: string, cond: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
