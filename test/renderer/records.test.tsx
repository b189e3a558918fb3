// The citizen's Møder and Joblog tabs: DFDG's records as a table, newest first, with the freshness
// line; a plain sentence when there are none; main's error as an alert.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { JoblogEntry, Meeting } from '../../shared/domain';
import { FakeBridge, anna } from './fakeBridge';
import { openCitizen } from './helpers';

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
    expect(rows[0]).toEqual(['Tidspunkt', 'Samtaletype', 'Form', 'Sted', 'Myndighed']);
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
  it('lists the applications newest first, with deadline, company, title and description', async () => {
    const bridge = new FakeBridge().reply('joblog.list', {
      entries: [
        job('j1', '2026-09-01'),
        job('j2', '2026-11-20', { submissionDeadlineDate: '2026-11-30', description: 'Første linje\nAnden linje' }),
        job('j3', '2026-10-05'),
      ],
      freshness,
    });
    await openCitizen(bridge, anna.cpr, 'joblog');
    const panel = screen.getByRole('tabpanel');
    expect(within(panel).getByRole('heading', { level: 2 })).toHaveTextContent('Joblog');
    const table = await within(panel).findByRole('table', { name: 'Jobsøgning, nyeste først' });
    expect(cells(table)).toEqual([
      ['Søgt', 'Frist', 'Virksomhed', 'Stilling', 'Beskrivelse'],
      ['20-11-2026', '30-11-2026', 'Firma j2', 'Stilling j2', 'Første linje\nAnden linje'],
      ['05-10-2026', '', 'Firma j3', 'Stilling j3', ''],
      ['01-09-2026', '', 'Firma j1', 'Stilling j1', ''],
    ]);
    expect(within(table).getByText(/^Første linje/)).toHaveClass('pre');
    expect(within(panel).getByText(/^Fra den lokale kopi/)).toHaveClass('hint', 'stale');
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
