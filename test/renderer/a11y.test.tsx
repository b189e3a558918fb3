// A quick accessibility check in jsdom with axe-core: no serious or critical violations on the main
// screens (colour contrast needs layout, so the e2e run in Chromium checks it).
import axe from 'axe-core';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeBridge } from './fakeBridge';
import { openCitizen, renderApp, composerForm, virtualListLayout } from './helpers';
import { FakeTeam, SOEREN, teamAdvisory } from './teamQueue';

virtualListLayout();

async function seriousViolations(): Promise<string[]> {
  const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } }, resultTypes: ['violations'] });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe-core in jsdom)', () => {
  it('search screen', async () => {
    renderApp();
    await screen.findByLabelText('Du arbejder som');
    expect(await seriousViolations()).toEqual([]);
  });

  it('citizen page with the type 11 composer open', async () => {
    const { user } = await openCitizen(new FakeBridge());
    await user.click(screen.getByRole('button', { name: 'Ny besked' }));
    await composerForm();
    await user.selectOptions(screen.getByLabelText('Beskedtype'), '11');
    await user.selectOptions(screen.getByLabelText('Tilbudstype'), 'Virksomhedspraktik');
    expect(await seriousViolations()).toEqual([]);
  });

  it('the company picker with its units, their facts and a typing error', async () => {
    const units = [
      { cvr: '12345678', pNumber: '1000000001', name: 'Bageriet ApS', accountActive: true, lastLoginAt: '2026-11-20T08:15:00Z' },
      { cvr: '12345678', pNumber: '1000000002', name: 'Bageriet ApS, Vejle', accountActive: false, lastLoginAt: null },
    ];
    const { user } = await openCitizen(new FakeBridge().reply('companies.lookup', { companies: units }));
    await user.click(screen.getByRole('button', { name: 'Ny besked' }));
    await composerForm();
    await user.selectOptions(screen.getByLabelText('Beskedtype'), '11');
    await user.selectOptions(screen.getByLabelText('Tilbudstype'), 'Virksomhedspraktik');
    await user.type(screen.getByLabelText('Virksomhedens CVR-nummer'), '12345678');
    await user.click(screen.getByRole('button', { name: 'Slå virksomhed op' }));
    await screen.findByRole('group', { name: 'Vælg produktionsenhed' });
    await user.type(screen.getByLabelText('P-nummer (valgfrit)'), '12');
    await user.click(screen.getByRole('button', { name: 'Brug virksomheden' }));
    expect(await seriousViolations()).toEqual([]);
  });

  it('absence form', async () => {
    const { user } = await openCitizen(new FakeBridge(), '0101901234', 'fravaer');
    await user.click(await screen.findByRole('button', { name: 'Registrér fravær' }));
    expect(await seriousViolations()).toEqual([]);
  });

  it('meeting invitation form with a digital meeting, its findings and a participant', async () => {
    const { user } = await openCitizen(new FakeBridge(), '0101901234', 'moeder');
    await user.click(await screen.findByRole('button', { name: 'Ny indkaldelse' }));
    await user.selectOptions(screen.getByLabelText('Samtaletype (skal udfyldes)'), '7');
    await user.selectOptions(screen.getByLabelText('Mødeform (skal udfyldes)'), '8');
    await user.click(screen.getByLabelText('Borgeren må ombooke'));
    await user.click(screen.getByRole('button', { name: 'Tilføj deltager' }));
    await screen.findByLabelText('Link til det digitale møde (skal udfyldes)');
    expect(await seriousViolations()).toEqual([]);
  });

  it('inbox, outbox, settings and the help overlay', async () => {
    const bridge = new FakeBridge().reply('settings.get', {
      dfdgBaseUrl: null,
      services: {},
      certificate: null,
      hasCa: false,
      caseworkerName: null,
      caseworkerEmail: null,
      retentionDays: 30,
      staleAfterMinutes: 15,
      secretStorage: 'os',
      sandboxOrganisation: 'akasse-067',
      proxy: { mode: 'manual', url: 'http://proxy.kommune.dk:8080' },
      allowObfuscatedKeyStorage: false,
      hub: null,
    });
    const { user } = renderApp(bridge, { name: 'inbox' });
    await screen.findByRole('heading', { name: 'Indbakke' });
    expect(await seriousViolations()).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Udbakke' }));
    await screen.findByText('Udbakken er tom. Alt er sendt.');
    expect(await seriousViolations()).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Indstillinger' }));
    await screen.findByRole('button', { name: 'Gem indstillinger' });
    expect(await seriousViolations()).toEqual([]);
    await user.keyboard('?');
    await screen.findByRole('dialog', { name: 'Tastaturgenveje' });
    expect(await seriousViolations()).toEqual([]);
  });

  it('the team inbox (hub mode) with an advisory selected, offline with a waiting action', async () => {
    const t = new FakeTeam(new FakeBridge(), [teamAdvisory(1), teamAdvisory(2, { status: 'in-progress', takenBy: SOEREN, takenAt: '2026-11-22T09:42:00Z', pending: null })]);
    t.state = 'offline';
    t.reason = 'Hubben kan ikke nås: forbindelsen blev afvist.';
    const { user } = renderApp(t.bridge, { name: 'inbox' });
    const list = await screen.findByRole('listbox', { name: 'Teamets opgaver' });
    await user.click(await screen.findByRole('option', { name: /Opgave nummer 1/ }));
    await user.click(screen.getByRole('button', { name: 'Tag opgaven' }));
    await screen.findByRole('option', { name: /Venter på hubben/ });
    expect(list).toBeInTheDocument();
    expect(await seriousViolations()).toEqual([]);
  });
});
