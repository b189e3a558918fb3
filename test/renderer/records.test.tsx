// The citizen's Møder and Joblog tabs: DFDG's records as a table, newest first, with the freshness
// line; a plain sentence when there are none; main's error as an alert.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { JoblogEntry, Meeting } from '../../shared/domain';
import { FakeBridge, anna } from './fakeBridge';
import { absenceRow, openCitizen } from './helpers';

const freshness = { fetchedAt: '2026-11-22T09:00:00Z', stale: true, source: 'cache' as const };

function meeting(id: string, start: string, over: Partial<Meeting> = {}): Meeting {
  return {
    id,
    cpr: anna.cpr,
    start,
    end: null,
    interviewType: 1,
    form: 1,
    location: null,
    locationDetail: null,
    digitalLink: null,
    selfBooked: false,
    organisation: null,
    ...over,
  };
}

function job(id: string, submissionDate: string, over: Partial<JoblogEntry> = {}): JoblogEntry {
  return {
    id,
    cpr: anna.cpr,
    submissionDate,
    submissionDeadlineDate: null,
    companyName: `Firma ${id}`,
    jobTitle: `Stilling ${id}`,
    description: null,
    createdAt: null,
    ...over,
  };
}

/** The table's cells, row by row (header row first). */
function cells(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent ?? ''));
}

describe('Møder', () => {
  it('lists the meetings newest first, with time, kind, form, place and authority', async () => {
    const bridge = new FakeBridge().reply('meetings.list', {
      meetings: [
        meeting('m1', '2026-10-01T09:00:00', { location: 'Jobcentret', locationDetail: 'Lokale 2' }),
        meeting('m2', '2026-12-03T10:30:00', {
          end: '2026-12-03T11:15:00',
          selfBooked: true,
          digitalLink: 'https://video.example/abc',
          location: 'Online',
          organisation: { organisationType: 8, organisationCode: '10100', name: 'Jobcenter Testby' },
        }),
        meeting('m3', '2026-11-15T13:00:00', { digitalLink: 'https://video.example/x' }),
      ],
      freshness,
    });
    await openCitizen(bridge, anna.cpr, 'moeder');
    const panel = screen.getByRole('tabpanel');
    expect(within(panel).getByRole('heading', { level: 2 })).toHaveTextContent('Møder');
    const table = await within(panel).findByRole('table');
    const rows = cells(table);
    expect(rows[0]).toEqual(['Tidspunkt', 'Samtaletype', 'Form', 'Sted', 'Myndighed', 'Handlinger']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['03-12-2026 10:30–11:15Selvbooket', '15-11-2026 13:00', '01-10-2026 09:00']);
    expect(rows[1]![3]).toBe('Online · Link: https://video.example/abc');
    expect(rows[1]![4]).toBe('Jobcenter Testby (10100)');
    expect(rows[2]![3]).toBe('Link: https://video.example/x');
    expect(rows[3]![3]).toBe('Jobcentret, Lokale 2');
    expect(rows[3]![4]).toBe('');
    expect(within(panel).getByText(/^Fra den lokale kopi 22-11-2026 \d\d:00 – kan være forældet$/)).toBeInTheDocument();
    expect(bridge.callsOf('meetings.list')).toEqual([{ cpr: anna.cpr }]);
  });

  it('says it is fetching until main answers', async () => {
    await openCitizen(new FakeBridge().reply('meetings.list', () => new Promise<never>(() => undefined)), anna.cpr, 'moeder');
    expect(await screen.findByText('Henter møder …')).toBeInTheDocument();
    expect(screen.queryByText('Der er ingen møder.')).not.toBeInTheDocument();
  });

  it('says so when there are none', async () => {
    await openCitizen(new FakeBridge(), anna.cpr, 'moeder');
    expect(await screen.findByText('Der er ingen møder.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows main’s error as an alert', async () => {
    await openCitizen(new FakeBridge().fail('meetings.list', 'access-denied', 'Din organisation må ikke se borgeren.'), anna.cpr, 'moeder');
    expect(await screen.findByRole('alert')).toHaveTextContent('Din organisation må ikke se borgeren.');
    expect(screen.queryByText('Der er ingen møder.')).not.toBeInTheDocument();
  });
});

describe('Joblog', () => {
  it('groups the applications by calendar month, newest first, with deadline, company, title and description', async () => {
    const bridge = new FakeBridge().reply('joblog.list', {
      entries: [
        job('j1', '2026-09-01'),
        job('j2', '2026-11-20', { submissionDeadlineDate: '2026-11-30', description: 'Første linje\nAnden linje' }),
        job('j3', '2026-10-05'),
        job('j4', '2026-11-02'),
      ],
      freshness,
    });
    await openCitizen(bridge, anna.cpr, 'joblog');
    const panel = screen.getByRole('tabpanel');
    expect(within(panel).getByRole('heading', { level: 2 })).toHaveTextContent('Joblog');
    const november = await within(panel).findByRole('region', { name: 'November 2026 – 2 jobsøgninger' });
    expect(cells(within(november).getByRole('table', { name: 'Jobsøgning i november 2026, nyeste først' }))).toEqual([
      ['Søgt', 'Frist', 'Virksomhed', 'Stilling', 'Beskrivelse'],
      ['20-11-2026', '30-11-2026', 'Firma j2', 'Stilling j2', 'Første linje\nAnden linje'],
      ['02-11-2026', '', 'Firma j4', 'Stilling j4', ''],
    ]);
    expect(within(november).getByText(/^Første linje/)).toHaveClass('pre');
    // Newest month first; October and September with their one entry each.
    expect(within(panel).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'November 2026 – 2 jobsøgninger',
      'Oktober 2026 – 1 jobsøgning',
      'September 2026 – 1 jobsøgning',
    ]);
    expect(within(panel).getByText(/^Fra den lokale kopi/)).toHaveClass('hint', 'stale');
    // What DFDG no longer does (seed 001 §4.2), and that the tab only shows.
    expect(within(panel).getByText(/DFDG advarer ikke længere, når borgeren ikke har registreret i joblog i 30 dage/)).toBeInTheDocument();
    expect(within(panel).getByText(/DFDG Desk registrerer ikke selv/)).toBeInTheDocument();
    expect(within(panel).queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows beside each month the absences that exempt the citizen from registering (11 for contact group 7), and not for other groups', async () => {
    const entries = [job('j1', '2026-10-03'), job('j2', '2026-08-14')];
    const sick = absenceRow({ id: 'a-11', type: 11, start: '2026-09-25', end: '2026-10-10' });
    const holiday = absenceRow({ id: 'a-10', type: 10, start: '2026-10-12', end: '2026-10-16' });
    const flex = new FakeBridge().reply('joblog.list', { entries, freshness }).reply('absences.list', { absences: [sick, holiday], freshness });
    flex.citizens = [{ ...anna, contactGroup: 7 }];
    await openCitizen(flex, anna.cpr, 'joblog');
    const october = await screen.findByRole('region', { name: 'Oktober 2026 – 1 jobsøgning' });
    const exempt = await within(october).findByRole('list', { name: 'Fritagelser i oktober 2026' });
    expect(within(exempt).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Fritaget for at registrere i joblog: Sygdom – sygemelding 25-09-2026 – 10-10-2026 \(kontaktgruppe 7/),
    ]);
    // September has no entry but the exemption covers it: the month without entries is not listed unless it is the current one.
    expect(within(screen.getByRole('region', { name: 'August 2026 – 1 jobsøgning' })).queryByRole('list')).not.toBeInTheDocument();
    // The current month is always there, also without entries.
    expect(screen.getByRole('region', { name: 'November 2026 – ingen registreringer' })).toBeInTheDocument();
  });

  it('names no exemption for a citizen in contact group 1, and marks a date before 01-01-2015', async () => {
    const bridge = new FakeBridge()
      .reply('joblog.list', { entries: [job('j1', '2026-10-03'), job('old', '1020-10-31')], freshness })
      .reply('absences.list', { absences: [absenceRow({ id: 'a-11', type: 11, start: '2026-09-25', end: '2026-10-10' })], freshness });
    await openCitizen(bridge, anna.cpr, 'joblog');
    const october = await screen.findByRole('region', { name: 'Oktober 2026 – 1 jobsøgning' });
    expect(within(october).queryByRole('list')).not.toBeInTheDocument();
    const old = screen.getByRole('region', { name: 'Oktober 1020 – 1 jobsøgning' });
    expect(within(old).getByText(/før 01-01-2015: sandsynligvis forkert årstal/)).toBeInTheDocument();
  });

  it('says it is fetching until main answers', async () => {
    await openCitizen(new FakeBridge().reply('joblog.list', () => new Promise<never>(() => undefined)), anna.cpr, 'joblog');
    expect(await screen.findByText('Henter joblog …')).toBeInTheDocument();
  });

  it('says so when there are none', async () => {
    await openCitizen(new FakeBridge(), anna.cpr, 'joblog');
    expect(await screen.findByText('Borgeren har ingen registreringer i joblog.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows main’s error as an alert', async () => {
    await openCitizen(new FakeBridge().fail('joblog.list', 'offline', 'DFDG kan ikke nås.'), anna.cpr, 'joblog');
    expect(await screen.findByRole('alert')).toHaveTextContent('DFDG kan ikke nås.');
    expect(screen.queryByText('Borgeren har ingen registreringer i joblog.')).not.toBeInTheDocument();
  });
});
