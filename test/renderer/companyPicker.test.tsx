// The company of a type 11 (issue 12 item 8): the company-account lookup (Virksomhedskonto) is not a
// company register, so the caseworker can always write the company in (CVR 8 digits, P-number 10,
// name), offline too; a lookup shows the account's facts (active, last login, seed 001 §7.1) and says
// when the company has no profile or when the lookup could not be made.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Company } from '../../shared/domain';
import { FakeBridge } from './fakeBridge';
import { composerForm, openCitizen } from './helpers';

const bageriet: Company = { cvr: '12345678', pNumber: '1000000001', name: 'Bageriet ApS', accountActive: true, lastLoginAt: '2026-11-20T08:15:00Z' };

async function companyForm(bridge: FakeBridge) {
  const r = await openCitizen(bridge);
  await r.user.click(screen.getByRole('button', { name: 'Ny besked' }));
  await composerForm();
  await r.user.selectOptions(screen.getByLabelText('Beskedtype'), '11');
  await r.user.selectOptions(screen.getByLabelText('Tilbudstype'), 'Virksomhedspraktik');
  const group = screen.getByRole('group', { name: 'Virksomhed' });
  return { ...r, group };
}

const body = () => (screen.getByLabelText('Tekst') as HTMLTextAreaElement).value;

describe('company picker', () => {
  it('shows the company account\'s facts when the lookup finds the company: active, last login', async () => {
    const bridge = new FakeBridge().reply('companies.lookup', { companies: [bageriet] });
    const { user, group } = await companyForm(bridge);
    await user.type(within(group).getByLabelText('Virksomhedens CVR-nummer'), '12345678');
    await user.click(within(group).getByRole('button', { name: 'Slå virksomhed op' }));
    await within(group).findByText(/Valgt virksomhed:/);
    expect(within(group).getByText(/Profil på Jobnet for Arbejdsgivere/)).toHaveTextContent(
      'Profil på Jobnet for Arbejdsgivere (JobAG): aktiv (mindst én aktiv bruger), seneste login 20-11-2026 09:15.',
    );
    expect(within(group).getByLabelText('Virksomhedens navn')).toHaveValue('Bageriet ApS');
    expect(within(group).getByLabelText('P-nummer (valgfrit)')).toHaveValue('1000000001');
    expect(body()).toContain('Virksomhed: Bageriet ApS, CVR 12345678, P-nummer 1000000001');
  });

  it('lists several units with each one\'s facts, an inactive one included, and takes the one picked', async () => {
    const inactive: Company = { cvr: '12345678', pNumber: '1000000002', name: 'Bageriet ApS, Vejle', accountActive: false, lastLoginAt: null };
    const bridge = new FakeBridge().reply('companies.lookup', { companies: [bageriet, inactive] });
    const { user, group } = await companyForm(bridge);
    await user.type(within(group).getByLabelText('Virksomhedens CVR-nummer'), '12345678');
    await user.click(within(group).getByRole('button', { name: 'Slå virksomhed op' }));
    const units = await within(group).findByRole('group', { name: 'Vælg produktionsenhed' });
    const vejle = within(units).getByRole('button', { name: /1000000002/ });
    expect(vejle).toHaveAccessibleDescription('Profil på Jobnet for Arbejdsgivere (JobAG): inaktiv (ingen aktive brugere), seneste login ikke oplyst.');
    await user.click(vejle);
    expect(body()).toContain('Virksomhed: Bageriet ApS, Vejle, CVR 12345678, P-nummer 1000000002');
  });

  it('says when the company has no JobAG profile, and takes it written in by hand', async () => {
    const bridge = new FakeBridge().reply('companies.lookup', { companies: [] });
    const { user, group } = await companyForm(bridge);
    await user.type(within(group).getByLabelText('Virksomhedens CVR-nummer'), '87654321');
    await user.click(within(group).getByRole('button', { name: 'Slå virksomhed op' }));
    expect(await within(group).findByText(/har ingen profil på Jobnet for Arbejdsgivere/)).toHaveTextContent(
      'CVR 87654321 har ingen profil på Jobnet for Arbejdsgivere (Virksomhedskonto). Det siger ikke, at virksomheden ikke findes',
    );
    await user.type(within(group).getByLabelText('Virksomhedens navn'), 'Tømrer Hansen');
    await user.click(within(group).getByRole('button', { name: 'Brug virksomheden' }));
    expect(within(group).getByText(/Valgt virksomhed:/)).toHaveTextContent('Valgt virksomhed: Tømrer Hansen, CVR 87654321');
    expect(within(group).getByText('Skrevet ind af dig. Virksomheden har ingen profil på Jobnet for Arbejdsgivere.')).toBeInTheDocument();
    expect(body()).toContain('Virksomhed: Tømrer Hansen, CVR 87654321');
  });

  it('says when the lookup could not be made (offline) and still takes the company written in, with a P-number', async () => {
    const offline = 'DFDG kan ikke nås lige nu, og virksomhedsopslag gemmes ikke på computeren. Prøv igen om lidt.';
    const bridge = new FakeBridge().fail('companies.lookup', 'offline', offline);
    const { user, group } = await companyForm(bridge);
    await user.type(within(group).getByLabelText('Virksomhedens CVR-nummer'), '87654321');
    await user.type(within(group).getByLabelText('P-nummer (valgfrit)'), '1234567890');
    await user.click(within(group).getByRole('button', { name: 'Slå virksomhed op' }));
    expect(await within(group).findByRole('alert')).toHaveTextContent(`Virksomheden kunne ikke slås op: ${offline} Du kan skrive navnet selv`);
    expect(bridge.callsOf('companies.lookup')).toEqual([{ cvr: '87654321', pNumber: '1234567890' }]);
    await user.type(within(group).getByLabelText('Virksomhedens navn'), 'Tømrer Hansen');
    await user.click(within(group).getByRole('button', { name: 'Brug virksomheden' }));
    expect(within(group).getByText('Skrevet ind af dig. Virksomheden er ikke slået op, fordi opslaget ikke kunne laves.')).toBeInTheDocument();
    await waitFor(() => expect(body()).toContain('Virksomhed: Tømrer Hansen, CVR 87654321, P-nummer 1234567890'));
  });

  it('checks what is typed: CVR 8 digits, P-number 10 digits, a name; nothing is looked up or used until it is right', async () => {
    const bridge = new FakeBridge();
    const { user, group } = await companyForm(bridge);
    const cvr = within(group).getByLabelText('Virksomhedens CVR-nummer');
    await user.type(cvr, '1234');
    await user.type(within(group).getByLabelText('P-nummer (valgfrit)'), '123');
    await user.click(within(group).getByRole('button', { name: 'Brug virksomheden' }));
    expect(cvr).toHaveAttribute('aria-invalid', 'true');
    expect(cvr).toHaveAccessibleDescription(expect.stringContaining('CVR-nummeret skal være 8 cifre.'));
    expect(within(group).getByLabelText('P-nummer (valgfrit)')).toHaveAccessibleDescription('P-nummeret skal være 10 cifre.');
    expect(within(group).getByLabelText('Virksomhedens navn')).toHaveAccessibleDescription('Skriv virksomhedens navn.');
    await user.click(within(group).getByRole('button', { name: 'Slå virksomhed op' }));
    expect(bridge.callsOf('companies.lookup')).toEqual([]);
    expect(within(group).queryByText(/Valgt virksomhed:/)).not.toBeInTheDocument();
    // Nothing typed is lost while it is corrected.
    expect(cvr).toHaveValue('1234');
  });
});
