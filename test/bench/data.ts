// Bench data: a caseload of N citizens and M messages in an encrypted store, written fast (prepared
// statements, large transactions). Only for the bench; never part of npm test.

import type { Citizen, CitizenMessage } from '../../shared/domain';
import { openStore } from '../../main/core/store';
import { prng } from '../core/support/fakeDfdg';

const GIVEN = ['Mette', 'Anne', 'Jens', 'Peter', 'Lars', 'Kirsten', 'Hanne', 'Søren', 'Mads', 'Camilla', 'Freja', 'Ida', 'Emil', 'Noah', 'Oliver', 'Sofie', 'Ahmad', 'Fatima', 'Jørgen', 'Birthe', 'Åse', 'Niels', 'Karen', 'Henrik', 'Louise', 'Mikkel', 'Rasmus', 'Line', 'Maja', 'Thomas'];
const SURNAMES = ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen', 'Poulsen', 'Johansen', 'Møller', 'Mortensen', 'Kjær', 'Østergaard', 'Dahl', 'Lund', 'Holm', 'Bech', 'Friis', 'Vestergaard', 'Skov', 'Bak'];
const WORDS = ('indstilling tilbud virksomhedspraktik løntilskud opkvalificering kursus jobsamtale rådighed ledighed dagpenge ' +
  'sygdom ferie barsel fravær plan aktivitet mentor hjælpemidler bageri lager transport rengøring omsorg pædagog tømrer ' +
  'elektriker kontor regnskab salg butik kok tjener chauffør truck svejser maler murer sosu it support kundeservice ' +
  'uger timer start slut aftale møde orientering svar begrundelse afgørelse jobcenter akasse medlem borger').split(' ');

export interface BenchData {
  dir: string;
  key: Buffer;
  citizens: number;
  messages: number;
  /** CPRs to sample from. */
  cprs: string[];
  generateMs: number;
  fileMb: number;
}

export function cprOf(i: number): string {
  const serial = String(i % 10000).padStart(4, '0');
  const k = Math.floor(i / 10000);
  const day = String((k % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(k / 28) % 12) + 1).padStart(2, '0');
  const year = String(50 + (Math.floor(k / 336) % 50)).padStart(2, '0');
  return `${day}${month}${year}${serial}`;
}

export function generate(dir: string, key: Buffer, citizens: number, messages: number, log: (s: string) => void, seed = 1): BenchData {
  const t0 = performance.now();
  const r = prng(seed);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const store = openStore({ dataDir: dir, key });
  const db = store.db;
  const now = new Date().toISOString();
  const insCitizen = db.prepare('INSERT INTO citizens (cpr, name, data, fetched_at, last_used_at, access, deceased) VALUES (?, ?, ?, ?, ?, ?, 0)');
  const insMeta = db.prepare("INSERT INTO cache_meta (cpr, part, fetched_at) VALUES (?, 'status', ?)");
  const insMsg = db.prepare('INSERT INTO messages (id, cpr, response_to, context_type, channel, subject, body, data, created_at, fetched_at) VALUES (?, ?, ?, ?, 4, ?, ?, ?, ?, ?)');
  const insAbs = db.prepare('INSERT INTO absences (id, cpr, data, pending_command_id, hidden, fetched_at) VALUES (?, ?, ?, NULL, 0, ?)');
  const cprs: string[] = [];
  const BATCH = 20_000;
  for (let start = 0; start < citizens; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(citizens, start + BATCH); i++) {
        const cpr = cprOf(i);
        cprs.push(cpr);
        const c: Citizen = {
          cpr,
          name: `${pick(GIVEN)} ${pick(SURNAMES)}${r() < 0.3 ? ` ${pick(SURNAMES)}` : ''}`,
          gender: r() < 0.5 ? 'K' : 'M',
          contactGroup: 1,
          personCategory: null,
          registrationCategory: 1,
          akasseCode: '067',
          akasseName: 'A-kasse Nordlys',
          jobcenterCode: '10100',
          jobcenterName: 'Jobcenter København',
          municipalityCode: '101',
          deceased: false,
        };
        insCitizen.run(cpr, c.name, JSON.stringify(c), now, now, 'allowed');
        insMeta.run(cpr, now);
        if (i % 2 === 0) {
          insAbs.run(`abs-${i}`, cpr, JSON.stringify({ id: `abs-${i}`, cpr, type: 10, start: '2026-12-01', end: '2026-12-05', comment: null, notificationDate: '2026-11-20', endReason: null, registeredBy: { organisationType: 2, organisationCode: '067' } }), now);
        }
      }
    })();
  }
  log(`[bench] ${citizens} citizens written (${Math.round(performance.now() - t0)} ms)`);
  const from = { userType: 2, userIdentifier: 'CVR:12345678-UUID:bench', fullName: 'Anna Akasse', organisationType: 2, organisationCode: '067' };
  const to = { organisationType: 8, organisationCode: '10100' };
  const extra = JSON.stringify({ allowReply: true, from, to, documents: [] } satisfies Pick<CitizenMessage, 'allowReply' | 'from' | 'to' | 'documents'>);
  const base = Date.parse('2024-01-01T00:00:00Z');
  // Bulk load: index the messages once at the end instead of row by row.
  db.exec('DROP TRIGGER messages_ai');
  let prev: string | null = null;
  for (let start = 0; start < messages; start += BATCH * 5) {
    db.transaction(() => {
      for (let i = start; i < Math.min(messages, start + BATCH * 5); i++) {
        const ci = Math.floor(r() * citizens);
        const id = `m-${i}`;
        const reply: string | null = prev !== null && r() < 0.3 ? prev : null;
        insMsg.run(id, cprOf(ci), null, r() < 0.4 ? 11 : 1, `${pick(['Indstilling om', 'Orientering om', 'Svar vedr.', 'Aftale om'])} ${words(3)}`, words(20 + Math.floor(r() * 30)), extra, new Date(base + i * 30_000).toISOString(), now);
        prev = reply === null ? id : prev;
      }
    })();
    if ((start / (BATCH * 5)) % 2 === 1) log(`[bench] ${Math.min(messages, start + BATCH * 5)} messages (${Math.round(performance.now() - t0)} ms)`);
  }
  const tf = performance.now();
  db.exec("INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')");
  db.exec(`CREATE TRIGGER messages_ai AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts(rowid, subject, body) VALUES (new.rid, new.subject, new.body);
  END;`);
  db.exec(`CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, messages_fts, 'row');
    INSERT OR IGNORE INTO message_terms (term) SELECT term FROM temp.v; DROP TABLE temp.v;`);
  log(`[bench] message FTS index and vocabulary built (${Math.round(performance.now() - tf)} ms)`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  store.close();
  const generateMs = performance.now() - t0;
  return { dir, key, citizens, messages, cprs, generateMs, fileMb: 0 };
}
