import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../main/core/audit/audit';
import { openStore, type Store } from '../../../main/core/store';
import { AKASSE_IDENTITY, CPR_A, CPR_B } from '../support/fixtures';
import { fakeClock, tempDataDir } from '../support/tmp';

let tmp: ReturnType<typeof tempDataDir>;
let store: Store;
const clock = fakeClock('2026-07-01T08:05:09.000Z');

beforeEach(() => {
  tmp = tempDataDir();
  store = openStore({ dataDir: tmp.dir, key: tmp.key });
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

describe('audit log', () => {
  it('exports one citizen’s entries as Excel-friendly CSV with Danish headers, dates and labels', async () => {
    const audit = new AuditLog(store, clock.now, () => AKASSE_IDENTITY);
    audit.record({ cpr: CPR_A, action: 'citizen.search', source: 'dfdg', purpose: 'search' });
    clock.advance(61_000);
    audit.record({ cpr: CPR_A, action: 'citizen.open', source: 'cache', purpose: 'citizen-page', outcome: 'denied' });
    audit.record({ cpr: CPR_A, action: 'command.queued', source: 'command', purpose: 'outbox:absence.create' });
    audit.record({ cpr: CPR_B, action: 'citizen.open', source: 'dfdg', purpose: 'citizen-page' });

    const { fileName, csv, chainIntact } = await audit.exportCsv(CPR_A);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('Tidspunkt;Sagsbehandler;Bruger-id;Organisation;CPR-nummer;Handling;Kilde;Formål;Resultat');
    expect(lines).toHaveLength(5);
    // The file ends by saying the whole log's chain was checked and is intact (4 entries, both citizens).
    expect(chainIntact).toBe(true);
    expect(lines[4]).toBe('Kontrol af adgangsloggen;Kæden er intakt: alle 4 poster i loggen er kontrolleret 01-07-2026 10:06:10.');
    // 08:05:09 UTC is 10:05:09 in Copenhagen summer time.
    expect(lines[1]).toBe(
      `01-07-2026 10:05:09;Anna Akasse;${AKASSE_IDENTITY.caseworker.userIdentifier};A-kasse 067;010190-1234;Søgning på borger;DFDG;Søgning;Udført`,
    );
    expect(lines[2]).toContain(';Afvist: ingen adgang');
    expect(lines[3]).toContain('Registrering lagt i udbakken;Kommando;Udbakke: nyt fravær;Udført');
    expect(csv).not.toContain('0202851111');
    expect(fileName).toBe('adgangslog-010190-xxxx-2026-07-01.csv');
    expect(fileName).not.toContain('1234');
  });

  it('lists newest first and quotes cells that would break the CSV or run as formulas', async () => {
    const audit = new AuditLog(store, clock.now, () => ({ ...AKASSE_IDENTITY, caseworker: { ...AKASSE_IDENTITY.caseworker, fullName: '=HYPERLINK("x";"Hansen; Jens")' } }));
    audit.record({ cpr: CPR_A, action: 'messages.read', source: 'cache', purpose: 'dialog' });
    audit.record({ cpr: CPR_A, action: 'document.read', source: 'dfdg', purpose: 'dialog' });
    expect(audit.list(CPR_A).map((e) => e.action)).toEqual(['document.read', 'messages.read']);
    const row = (await audit.exportCsv(CPR_A)).csv.split('\r\n')[1]!;
    expect(row).toContain(`"'=HYPERLINK(""x"";""Hansen; Jens"")"`);
  });
});
