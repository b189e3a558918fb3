// Drafts are saved as the caseworker types ("Gemt tt:mm") and survive the composer being unmounted
// (closing the citizen, a crash of the window): the next mount restores them from main.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeBridge } from './fakeBridge';
import { openCitizen, composerForm } from './helpers';

describe('drafts', () => {
  it('saves while typing and restores the draft after an unmount and remount', async () => {
    const bridge = new FakeBridge();
    const first = await openCitizen(bridge);
    await first.user.click(screen.getByRole('button', { name: 'Ny besked' }));
    await composerForm();
    await first.user.selectOptions(screen.getByLabelText('Beskedtype'), '11');
    await first.user.selectOptions(screen.getByLabelText('Tilbudstype'), 'Vejledning og opkvalificering');
    await first.user.type(screen.getByLabelText('Kursusudbyder / uddannelsessted'), 'AMU Syd');
    await first.user.type(screen.getByLabelText('Tekst'), 'Medlemmet er motiveret.');
    // The debounced save lands and says when.
    expect(await screen.findByText(/^Gemt \d\d:\d\d$/, {}, { timeout: 3000 })).toBeInTheDocument();

    // Type once more and unmount at once (before the debounce fires): the unmount flushes it.
    await first.user.type(screen.getByLabelText('Tekst'), ' Sidste ord.');
    first.unmount();
    // Well before the 600 ms pause would have saved it.
    await waitFor(() => expect(bridge.drafts.get('draft-1')?.body).toMatch(/Medlemmet er motiveret\. Sidste ord\.$/), { timeout: 200 });

    const second = await openCitizen(bridge);
    const drafts = await screen.findByRole('region', { name: 'Kladder (1)' });
    await second.user.click(within(drafts).getByRole('button', { name: 'Fortsæt kladden A-kassens indstilling til jobcentret om tilbud' }));
    await composerForm();
    await waitFor(() => expect(screen.getByLabelText('Beskedtype')).toHaveValue('11'));
    expect(screen.getByLabelText('Tilbudstype')).toHaveDisplayValue('Vejledning og opkvalificering');
    expect(screen.getByLabelText('Kursusudbyder / uddannelsessted')).toHaveValue('AMU Syd');
    const body = (screen.getByLabelText('Tekst') as HTMLTextAreaElement).value;
    expect(body).toContain('Kursusudbyder: AMU Syd');
    expect(body.endsWith('Medlemmet er motiveret. Sidste ord.')).toBe(true);

    // The restored draft still follows the form: the caseworker's words after the block survive.
    await second.user.type(screen.getByLabelText('Varighed i uger'), '4');
    const after = (screen.getByLabelText('Tekst') as HTMLTextAreaElement).value;
    expect(after).toContain('Varighed: 4 uger');
    expect(after.endsWith('Medlemmet er motiveret. Sidste ord.')).toBe(true);
  });

  it('says when the draft could not be saved, and sends the unsaved text with the submit so none of it is lost', async () => {
    const bridge = new FakeBridge().fail('drafts.save', 'internal', 'Databasen svarer ikke.');
    const { user } = await openCitizen(bridge);
    await user.click(screen.getByRole('button', { name: 'Ny besked' }));
    await composerForm();
    await user.type(screen.getByLabelText('Overskrift'), 'Emne');
    await user.type(screen.getByLabelText('Tekst'), 'Tekst');
    expect(await screen.findByText('Ikke gemt: Databasen svarer ikke.', {}, { timeout: 3000 })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(bridge.callsOf('drafts.submit')).toHaveLength(1));
    expect(bridge.callsOf('drafts.submit')[0]!.patch).toMatchObject({ subject: 'Emne', body: 'Tekst' });
    expect(bridge.submitted).toMatchObject([{ subject: 'Emne', body: 'Tekst' }]);
  });
});
