// The hub against the sandbox on its own embedded PostgreSQL: the intake (stored once, flagged
// never dropped, acknowledged only after the commit), the team queue (races, 409 with the holder's
// name, hand-over, versions, audit), keyset-paged views and counts, 200 caseworkers on take-next,
// and who may call at all.

import crypto from 'node:crypto';
import https from 'node:https';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDfdgClients } from '../../main/core/dfdg/index';
import { identityFromTls } from '../../main/core/dfdg/identity';
import type { DfdgClients } from '../../main/core/dfdg/types';
import type { HubHandle } from '../../hub/server';
import { addDays, todayIso } from '../../shared/dates';
import type { HubAdvisory, HubConflict, HubError, HubPage, HubTeam } from '../../shared/hubApi';
import type { TestSandbox } from '../sandbox/helpers';
import { caseworker, eventually, ORG, request, seedAdvisories, startHubSandbox, startTestDatabase, startTestHub, type Caseworker, type TestDatabase } from './helpers';

let t: TestSandbox;
let db: TestDatabase;
let hub: HubHandle;
let dfdg: DfdgClients;
/** When set, TerminateSequence fails (as if the hub died between its commit and the acknowledgement). */
let failTerminate = 0;
/** Per MessageIdentifier: the sequences whose Get<Event> answer carried it. */
const offeredIn = new Map<string, Set<string>>();
let soeren: Caseworker;
let birgitte: Caseworker;
let ahmad: Caseworker;

beforeAll(async () => {
  [t, db] = await Promise.all([startHubSandbox(), startTestDatabase()]);
  const o = t.sb.certs.orgs[ORG]!;
  const real = createDfdgClients({ baseUrl: t.sb.url, tls: { kind: 'pkcs12', pfx: o.p12, passphrase: t.sb.certs.passphrase, ca: t.sb.certs.caPem } });
  dfdg = {
    ...real,
    wsrm: {
      ...real.wsrm,
      getItemResults: async (ctx, seq, method) => {
        const results = await real.wsrm.getItemResults!(ctx, seq, method);
        for (const r of results) {
          const id = r.ok ? r.item.messageIdentifier : r.messageIdentifier;
          if (id) offeredIn.set(id, (offeredIn.get(id) ?? new Set()).add(seq));
        }
        return results;
      },
      terminateSequence: async (ctx, id) => {
        if (failTerminate > 0) {
          failTerminate--;
          throw new Error('simulated crash before TerminateSequence');
        }
        return real.wsrm.terminateSequence(ctx, id);
      },
    },
  };
  hub = await startTestHub(t.sb, db.url, { clients: dfdg });
  soeren = caseworker(t.sb, 'jobcenter-10100-1', hub.url);
  birgitte = caseworker(t.sb, 'jobcenter-10100-2', hub.url);
  ahmad = caseworker(t.sb, 'jobcenter-10100-3', hub.url);
});

afterAll(async () => {
  for (const c of [soeren, birgitte, ahmad]) c?.agent.destroy();
  await hub?.close();
  dfdg?.close();
  await Promise.all([t?.close(), db?.close()]);
});

const intakeStatus = () => soeren.call<{ notifications: number; flaggedCount: number; flagged: { messageIdentifier: string; method: string; state: string; error: string; hasXml: boolean }[] }>('GET', '/v1/intake');

async function waitingAtDfdg(): Promise<number> {
  const o = t.sb.certs.orgs[ORG]!;
  const identity = identityFromTls({ kind: 'pkcs12', pfx: o.p12, passphrase: t.sb.certs.passphrase });
  const seq = await dfdg.wsrm.createSequence({ identity, userType: 3 });
  await dfdg.wsrm.closeSequence({ identity, userType: 3 }, seq.sequenceId);
  return seq.messages.length;
}

async function openAdvisory(kind = 'recommendation-received'): Promise<HubAdvisory> {
  const page = await soeren.call<HubPage>('GET', `/v1/advisories?view=unassigned&kind=${kind}&limit=1`);
  const a = page.body.items[0];
  if (!a) throw new Error('no open advisory');
  return a;
}

describe('intake', () => {
  it('stores each notification once with its advisory, keeps the unreadable ones flagged, and empties the queue at DFDG', async () => {
    const before = (await intakeStatus()).body.notifications;
    const recs = await t.admin.raiseNotifications({ org: ORG, count: 3 });
    const unknown = await t.admin.raiseNotifications({ org: ORG, count: 1, method: 'GetLokationVersion1' });
    const invalid = await t.admin.raiseNotifications({ org: ORG, count: 1, method: 'GetIndkaldelseVersion1', invalid: true });
    const malformed = await t.admin.raiseNotifications({ org: ORG, count: 1, extras: [['CitizenMessageIdentifier', crypto.randomUUID()], ['CitizenMessageContextTypeIdentifier', 'elleve']] });
    const status = await eventually(async () => {
      const s = await intakeStatus();
      return s.body.notifications === before + 6 ? s.body : null;
    });
    expect(await waitingAtDfdg()).toBe(0);

    const flagged = new Map(status.flagged.map((f) => [f.messageIdentifier, f]));
    expect(flagged.get(unknown.messageIdentifiers[0]!)).toMatchObject({ method: 'GetLokationVersion1', state: 'failed', hasXml: false });
    expect(flagged.get(invalid.messageIdentifiers[0]!)).toMatchObject({ method: 'GetIndkaldelseVersion1', state: 'failed' });
    expect(flagged.get(invalid.messageIdentifiers[0]!)?.error).toContain('fejlkode 1014');
    expect(flagged.get(malformed.messageIdentifiers[0]!)).toMatchObject({ method: 'GetCitizenMessageVersion1', state: 'unreadable', hasXml: true });
    const xml = await db.sql<{ raw_xml: string }>('SELECT raw_xml FROM notifications WHERE message_identifier = $1', [malformed.messageIdentifiers[0]]);
    expect(xml[0]!.raw_xml).toContain('>elleve<');

    // The three recommendations became advisories, due in 14 days (shared/advisories.ts).
    const rows = await db.sql<{ kind: string; due_date: string; status: string }>(
      'SELECT a.kind, a.due_date::text, a.status FROM advisories a WHERE a.source_message_identifier = ANY($1)',
      [recs.messageIdentifiers],
    );
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r).toEqual({ kind: 'recommendation-received', due_date: addDays(todayIso(new Date()), 14), status: 'open' });
    // Each advisory is in the change feed once, as 'created'.
    const created = await db.sql<{ n: number }>("SELECT count(*)::int AS n FROM changes c JOIN advisories a ON a.id = c.advisory_id WHERE a.source_message_identifier = ANY($1) AND c.op = 'created'", [recs.messageIdentifiers]);
    expect(created[0]!.n).toBe(3);
    // The pull is audited once (the hub's doing, no caseworker): its sequence, replica and the advisories it created.
    const audit = await db.sql<{ advisory: string; actor_id: string | null; sequence: string; replica: string; notification_sequence: string }>(
      `SELECT x.advisory, au.actor_id, au.detail->>'sequence' AS sequence, au.detail->>'replica' AS replica, n.sequence_id AS notification_sequence
       FROM audit au CROSS JOIN LATERAL jsonb_array_elements_text(au.detail->'advisories') AS x(advisory)
       JOIN advisories a ON a.id::text = x.advisory JOIN notifications n ON n.id = a.notification_id
       WHERE au.action = 'created' AND a.source_message_identifier = ANY($1)`,
      [recs.messageIdentifiers],
    );
    expect(audit).toHaveLength(3);
    for (const r of audit) expect(r).toMatchObject({ actor_id: null, replica: hub.replica, sequence: r.notification_sequence });
  });

  it('acknowledges only after the commit: when TerminateSequence fails, the items come again and are stored once', async () => {
    const before = (await db.sql<{ n: number }>('SELECT count(*)::int AS n FROM advisories'))[0]!.n;
    failTerminate = 2;
    const recs = await t.admin.raiseNotifications({ org: ORG, count: 4 });
    await eventually(async () => failTerminate === 0 && (await waitingAtDfdg()) === 0);
    // Offered in three sequences (two not acknowledged), stored once.
    for (const id of recs.messageIdentifiers) expect(offeredIn.get(id)?.size).toBe(3);
    const stored = await db.sql<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE message_identifier = ANY($1)', [recs.messageIdentifiers]);
    expect(stored[0]!.n).toBe(4);
    expect((await db.sql<{ n: number }>('SELECT count(*)::int AS n FROM advisories'))[0]!.n).toBe(before + 4);
  });
});

describe('the team queue', () => {
  it('a take that lost the race gets 409 with who has it and since when; hand-over, complete and reopen are versioned and audited', async () => {
    await t.admin.raiseNotifications({ org: ORG, count: 2 });
    await eventually(async () => (await soeren.call<HubPage>('GET', '/v1/advisories?view=unassigned&limit=1')).body.items.length > 0);
    const a = await openAdvisory();
    expect(a.version).toBe(1);

    const [r1, r2] = await Promise.all([soeren.call<HubAdvisory | HubConflict>('POST', `/v1/advisories/${a.id}/take`, {}), birgitte.call<HubAdvisory | HubConflict>('POST', `/v1/advisories/${a.id}/take`, {})]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const [win, lose, winner, loser] = r1.status === 200 ? [r1, r2, soeren, birgitte] : [r2, r1, birgitte, soeren];
    const taken = win.body as HubAdvisory;
    expect(taken).toMatchObject({ status: 'in-progress', takenBy: { id: winner.id, name: winner.name }, version: 2 });
    const conflict = lose.body as HubConflict;
    expect(conflict).toMatchObject({ code: 'taken', holder: { id: winner.id, name: winner.name }, since: taken.takenAt, advisory: { id: a.id, version: 2 } });
    expect(conflict.message).toMatch(new RegExp(`^Taget af ${winner.name} kl\\. \\d\\d:\\d\\d\\.$`));

    // Taking it again is a no-op for the holder; the others cannot release or complete it.
    const again = await winner.call<HubAdvisory>('POST', `/v1/advisories/${a.id}/take`, {});
    expect([again.status, again.body.version]).toEqual([200, 2]);
    expect((await loser.call<HubConflict>('POST', `/v1/advisories/${a.id}/release`, {})).body.code).toBe('taken');
    expect((await loser.call<HubConflict>('POST', `/v1/advisories/${a.id}/complete`, {})).body.code).toBe('taken');

    // Handed to the loser, by name; then a change against the old version is stale.
    const handed = await winner.call<HubAdvisory>('POST', `/v1/advisories/${a.id}/handover`, { to: loser.id, version: 2 });
    expect(handed.status).toBe(200);
    expect(handed.body).toMatchObject({ status: 'in-progress', takenBy: { id: loser.id, name: loser.name }, version: 3 });
    const unknownColleague = await loser.call<HubError>('POST', `/v1/advisories/${a.id}/handover`, { to: 'CVR:00000000-UUID:nobody' });
    expect([unknownColleague.status, unknownColleague.body.code]).toEqual([404, 'unknown-caseworker']);
    const stale = await loser.call<HubConflict>('POST', `/v1/advisories/${a.id}/complete`, { version: 2 });
    expect([stale.status, stale.body.code, stale.body.advisory.version]).toEqual([409, 'stale', 3]);
    const done = await loser.call<HubAdvisory>('POST', `/v1/advisories/${a.id}/complete`, { version: 3 });
    expect(done.body).toMatchObject({ status: 'done', doneBy: { id: loser.id }, takenBy: null, version: 4 });
    const tooLate = await winner.call<HubConflict>('POST', `/v1/advisories/${a.id}/take`, {});
    expect([tooLate.status, tooLate.body.code, tooLate.body.message]).toEqual([409, 'done', `Opgaven er allerede afsluttet af ${loser.name}.`]);
    const reopened = await ahmad.call<HubAdvisory>('POST', `/v1/advisories/${a.id}/reopen`, { version: 4 });
    expect(reopened.body).toMatchObject({ status: 'open', doneBy: null, version: 5 });
    expect((await ahmad.call<HubConflict>('POST', `/v1/advisories/${a.id}/reopen`, { version: 4 })).body.code).toBe('stale');

    const audit = await db.sql<{ action: string; actor_name: string | null; desktop_id: string | null; from_status: string | null; to_status: string }>(
      'SELECT action, actor_name, desktop_id, from_status, to_status FROM audit WHERE advisory_id = $1 ORDER BY id',
      [a.id],
    );
    expect(audit).toEqual([
      { action: 'taken', actor_name: winner.name, desktop_id: `desktop-${winner === soeren ? 'jobcenter-10100-1' : 'jobcenter-10100-2'}`, from_status: 'open', to_status: 'in-progress' },
      { action: 'handed-over', actor_name: winner.name, desktop_id: expect.any(String), from_status: 'in-progress', to_status: 'in-progress' },
      { action: 'completed', actor_name: loser.name, desktop_id: expect.any(String), from_status: 'in-progress', to_status: 'done' },
      { action: 'reopened', actor_name: ahmad.name, desktop_id: 'desktop-jobcenter-10100-3', from_status: 'done', to_status: 'open' },
    ]);
    const changes = await db.sql<{ op: string; v: number }>("SELECT op, (data #>> '{advisory,version}')::int AS v FROM changes WHERE advisory_id = $1 ORDER BY id", [a.id]);
    expect(changes).toEqual(['created', 'taken', 'handed-over', 'completed', 'reopened'].map((op, i) => ({ op, v: i + 1 })));
  });

  it('pages every view by keyset (earliest due first, no due date last), filters by kind, and counts per colleague', async () => {
    await seedAdvisories(db, 230, 'absence-by-other');
    // Some taken by Ahmad, some done.
    for (let i = 0; i < 7; i++) expect((await ahmad.call('POST', '/v1/queue/take-next', { kind: 'absence-by-other' })).status).toBe(200);
    const next = await ahmad.call<HubAdvisory>('POST', '/v1/queue/take-next', { kind: 'absence-by-other' });
    await ahmad.call('POST', `/v1/advisories/${next.body.id}/complete`, {});

    const walk = async (query: string, who = ahmad) => {
      const ids: string[] = [];
      const all: HubAdvisory[] = [];
      let cursor: string | null = null;
      do {
        const r: { status: number; body: HubPage } = await who.call<HubPage>('GET', `/v1/advisories?${query}&limit=40${cursor ? `&cursor=${cursor}` : ''}`);
        expect(r.status).toBe(200);
        expect(r.body.items.length).toBeLessThanOrEqual(40);
        all.push(...r.body.items);
        ids.push(...r.body.items.map((x) => x.id));
        cursor = r.body.nextCursor;
      } while (cursor);
      expect(new Set(ids).size).toBe(ids.length);
      return all;
    };
    const count = async (where: string) => (await db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM advisories WHERE org = $1 AND ${where}`, [ORG]))[0]!.n;
    const today = "(now() AT TIME ZONE 'Europe/Copenhagen')::date";

    const all = await walk('view=all&kind=absence-by-other');
    expect(all).toHaveLength(await count("kind = 'absence-by-other' AND status <> 'done'"));
    const keys = all.map((a) => `${a.dueDate ?? '9999-99-99'}|${a.createdAt}`);
    expect(keys).toEqual([...keys].sort());
    expect(all.some((a) => a.dueDate === null)).toBe(true);

    expect((await walk('view=all')).length).toBe(await count("status <> 'done'"));
    expect((await walk('view=unassigned')).length).toBe(await count("status = 'open'"));
    const mine = await walk('view=mine');
    expect(mine.length).toBe(await count(`status = 'in-progress' AND taken_by = '${ahmad.id}'`));
    expect(mine.every((a) => a.takenBy?.id === ahmad.id)).toBe(true);
    const overdue = await walk('view=overdue');
    expect(overdue.length).toBe(await count(`status <> 'done' AND due_date < ${today}`));
    expect(overdue.length).toBeGreaterThan(0);
    expect((await walk('view=done')).length).toBe(await count("status = 'done'"));

    const team = await ahmad.call<HubTeam>('GET', '/v1/team');
    expect(team.body.counts).toEqual({
      mine: mine.length,
      unassigned: await count("status = 'open'"),
      overdue: overdue.length,
      all: await count("status <> 'done'"),
    });
    const me = team.body.caseworkers.find((c) => c.id === ahmad.id);
    // Done today: Ahmad finished one; the one completed in the test before was reopened, so it counts for nobody.
    expect(me).toMatchObject({ name: 'Ahmad Nielsen', taken: mine.length, doneToday: 1 });
    expect(team.body.caseworkers.filter((c) => c.id !== ahmad.id).map((c) => c.doneToday)).toEqual([0, 0]);
    expect(team.body.caseworkers.map((c) => c.name)).toEqual(expect.arrayContaining(['Søren Østergaard', 'Birgitte Hjort', 'Ahmad Nielsen']));
  });

  it('200 caseworkers calling take-next at once on 1,000 advisories: each is taken exactly once', async () => {
    await seedAdvisories(db, 1000, 'meeting-changed');
    const people = [soeren, birgitte, ahmad].map((c, i) => caseworker(t.sb, `jobcenter-10100-${i + 1}`, hub.url, { maxSockets: 70 }));
    const taken: string[] = [];
    const desktops = new Set<string>();
    let empty = 0;
    const worker = async (n: number) => {
      const who = people[n % people.length]!;
      for (;;) {
        const r = await who.call<HubAdvisory | HubError>('POST', '/v1/queue/take-next', { kind: 'meeting-changed' }, { desktop: `sim-${n}` });
        if (r.status === 404) {
          expect((r.body as HubError).code).toBe('queue-empty');
          empty++;
          return;
        }
        expect(r.status).toBe(200);
        taken.push((r.body as HubAdvisory).id);
        desktops.add(`sim-${n}`);
      }
    };
    try {
      await Promise.all(Array.from({ length: 200 }, (_, n) => worker(n)));
    } finally {
      for (const p of people) p.agent.destroy();
    }
    expect(empty).toBe(200);
    expect(taken).toHaveLength(1000);
    expect(new Set(taken).size).toBe(1000);
    const rows = await db.sql<{ status: string; version: number; n: number }>("SELECT status, version, count(*)::int AS n FROM advisories WHERE kind = 'meeting-changed' GROUP BY status, version");
    expect(rows).toEqual([{ status: 'in-progress', version: 2, n: 1000 }]);
    const audit = await db.sql<{ n: number; desktops: number }>(
      "SELECT count(*)::int AS n, count(DISTINCT desktop_id)::int AS desktops FROM audit au JOIN advisories a ON a.id = au.advisory_id WHERE a.kind = 'meeting-changed' AND au.action = 'taken'",
    );
    expect(audit[0]).toEqual({ n: 1000, desktops: desktops.size });
  }, 120_000);

  it('take-next calls that arrive together are claimed in one statement, earliest due to the earliest caller; the surplus gets queue-empty', async () => {
    await seedAdvisories(db, 60, 'membership-changed');
    const order = await db.sql<{ id: string }>("SELECT id FROM advisories WHERE kind = 'membership-changed' AND status = 'open' ORDER BY due_key, created_at, id");
    const people = [soeren, birgitte, ahmad];
    // 64 calls in one tick at one replica, for 60 advisories.
    const calls = Array.from({ length: 64 }, (_, n) => {
      const who = people[n % 3]!;
      return hub.queue.takeNext({ id: who.id, name: who.name, desktopId: `batch-${n}` }, 'membership-changed');
    });
    const got = await Promise.all(calls);
    const taken = got.filter((a): a is HubAdvisory => a !== null);
    expect(taken).toHaveLength(60);
    expect(new Set(taken.map((a) => a.id)).size).toBe(60);
    expect(got.slice(60)).toEqual([null, null, null, null]);
    got.slice(0, 60).forEach((a, n) => expect(a).toMatchObject({ status: 'in-progress', version: 2, takenBy: { id: people[n % 3]!.id, name: people[n % 3]!.name } }));
    // Two statements start at once (the first two callers); the other 62 wait and go in ONE
    // statement (one commit; now() is the transaction's start, so one taken_at), in arrival order.
    const rest = got.slice(2, 60) as HubAdvisory[];
    expect(new Set(rest.map((a) => a.takenAt)).size).toBe(1);
    const rank = new Map(order.map((r, i) => [r.id, i]));
    expect(new Set(got.slice(0, 2).map((a) => rank.get(a!.id)))).toEqual(new Set([0, 1]));
    expect(rest.map((a) => rank.get(a.id))).toEqual(Array.from({ length: 58 }, (_, i) => i + 2));
    // Each caller's own audit row (desktop) and change row, the changes in the batch's order.
    const audit = await db.sql<{ desktop_id: string; advisory_id: string; actor_id: string }>(
      "SELECT desktop_id, advisory_id::text, actor_id FROM audit WHERE action = 'taken' AND desktop_id LIKE 'batch-%'",
    );
    expect(audit).toHaveLength(60);
    for (const row of audit) {
      const n = Number(row.desktop_id.slice('batch-'.length));
      expect([row.advisory_id, row.actor_id]).toEqual([got[n]!.id, people[n % 3]!.id]);
    }
    const feed = await db.sql<{ id: string }>("SELECT c.advisory_id::text AS id FROM changes c JOIN advisories a ON a.id = c.advisory_id WHERE a.kind = 'membership-changed' AND c.op = 'taken' ORDER BY c.id");
    const inBatch = new Set(rest.map((a) => a.id));
    expect(feed.map((r) => r.id).filter((id) => inBatch.has(id))).toEqual(rest.map((a) => a.id));
  });
});

describe('who may call, and bad input', () => {
  /** A certificate from a CA the hub does not know (one RSA key, self-signed). */
  function foreignIdentity() {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
    cert.serialNumber = '01';
    cert.validity.notBefore = new Date(Date.now() - 86_400_000);
    cert.validity.notAfter = new Date(Date.now() + 86_400_000);
    const subject = [{ name: 'commonName', value: 'Søren Østergaard' }, { name: 'organizationalUnitName', value: ORG }];
    cert.setSubject(subject);
    cert.setIssuer(subject);
    cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
    return { cert: forge.pki.certificateToPem(cert), key: privateKey };
  }

  it('refuses an unknown CA and a missing certificate in the TLS handshake, and another organisation with 403', async () => {
    const foreign = foreignIdentity();
    const agent = new https.Agent({ ca: t.sb.certs.caPem, ...foreign });
    await expect(request(agent, hub.url, 'GET', '/v1/me')).rejects.toThrow();
    const anonymous = new https.Agent({ ca: t.sb.certs.caPem });
    await expect(request(anonymous, hub.url, 'GET', '/v1/me')).rejects.toThrow();
    agent.destroy();
    anonymous.destroy();

    const other = caseworker(t.sb, 'jobcenter-10101-1', hub.url);
    const r = await other.call<HubError>('GET', '/v1/advisories');
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ code: 'wrong-organisation', message: 'Dit certifikat hører til Jobcenter København Nord (sandbox); denne hub betjener Jobcenter København (sandbox).' });
    const a = await openAdvisory();
    const take = await other.call<HubError>('POST', `/v1/advisories/${a.id}/take`, {});
    expect(take.status).toBe(403);
    expect((await db.sql<{ status: string }>('SELECT status FROM advisories WHERE id = $1', [a.id]))[0]!.status).toBe('open');
    // A sandbox system certificate of an a-kasse: also another organisation.
    const akasse = t.sb.certs.orgs['akasse-067']!;
    const ak = new https.Agent({ ca: t.sb.certs.caPem, cert: akasse.certPem, key: akasse.keyPem });
    expect((await request<HubError>(ak, hub.url, 'GET', '/v1/advisories')).status).toBe(403);
    ak.destroy();
    other.agent.destroy();
  });

  it('answers malformed, invalid and oversized bodies with a clear Danish message, and changes nothing', async () => {
    const a = await openAdvisory();
    const cases: [string, Parameters<Caseworker['call']>, number, string | RegExp][] = [
      ['malformed JSON', ['POST', `/v1/advisories/${a.id}/take`, undefined, { raw: '{"version": 1' }], 400, 'Forespørgslen er ikke gyldig JSON.'],
      ['unknown field', ['POST', `/v1/advisories/${a.id}/take`, { versoin: 1 }], 400, 'Ukendt felt: «versoin».'],
      ['wrong type', ['POST', `/v1/advisories/${a.id}/take`, { version: 'to' }], 400, 'Feltet «version» skal være et tal.'],
      ['handover without a colleague', ['POST', `/v1/advisories/${a.id}/handover`, {}], 400, 'Feltet «to» mangler.'],
      ['unknown view', ['GET', '/v1/advisories?view=alle'], 400, /^Feltet «view» skal være en af: mine, unassigned, overdue, all, done\.$/],
      ['limit too large', ['GET', '/v1/advisories?limit=5000'], 400, 'Feltet «limit» må højst være 200.'],
      ['a cursor the hub never gave', ['GET', '/v1/advisories?cursor=bm9wZQ'], 400, /cursor/],
      ['no desktop id', ['POST', `/v1/advisories/${a.id}/take`, {}, { desktop: null }], 400, /x-dfdg-desktop-id mangler/],
      ['a desktop id with spaces', ['POST', `/v1/advisories/${a.id}/take`, {}, { desktop: 'my desk' }], 400, /x-dfdg-desktop-id er ugyldig/],
      ['oversized body', ['POST', `/v1/advisories/${a.id}/take`, undefined, { raw: JSON.stringify({ version: 1, pad: 'x'.repeat(20_000) }) }], 413, 'Forespørgslen er for stor (højst 16 KB).'],
      ['not JSON', ['POST', `/v1/advisories/${a.id}/take`, undefined, { raw: 'version=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }], 415, /skal være JSON/],
      ['unknown advisory', ['POST', `/v1/advisories/${crypto.randomUUID()}/take`, {}], 404, 'Opgaven findes ikke.'],
      ['not an id', ['GET', '/v1/advisories/123'], 404, 'Opgaven findes ikke.'],
      ['unknown address', ['GET', '/v1/nothing'], 404, 'Adressen findes ikke i hubben.'],
      ['a feed cursor that is no id', ['GET', '/v1/changes', undefined, { headers: { 'last-event-id': 'abc' } }], 400, /Last-Event-ID/],
    ];
    for (const [label, args, status, message] of cases) {
      const r = await soeren.call<HubError>(...args);
      expect([label, r.status]).toEqual([label, status]);
      expect(typeof r.body.code).toBe('string');
      if (typeof message === 'string') expect(r.body.message).toBe(message);
      else expect(r.body.message).toMatch(message);
    }
    const now = await soeren.call<HubAdvisory>('GET', `/v1/advisories/${a.id}`);
    expect(now.body).toMatchObject({ status: 'open', version: a.version });
  });
});
