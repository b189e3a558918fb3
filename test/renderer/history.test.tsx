// Back and Forward, as in a browser: Alt+←/Alt+→, the mouse's back and forward buttons and the
// header's ←/→ go through the screens visited (search → citizen → tab → inbox), and Back to the search
// brings back what was searched for. The CPR number in a route never reaches the URL, the browser's
// session history or the window title. An open dialog, and an absence form with unsaved text, hold
// Back so nothing typed is lost.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FakeBridge, anna } from './fakeBridge';
import { openCitizen, renderApp } from './helpers';

const CPR_DIGITS = /0101901234|010190-1234/;

/** Nothing that identifies the citizen outside the page: URL, session history entry, title. */
function expectNoCprOutside() {
  expect(window.location.href).not.toMatch(CPR_DIGITS);
  expect(JSON.stringify(window.history.state ?? null)).not.toMatch(CPR_DIGITS);
  expect(document.title).not.toMatch(CPR_DIGITS);
  expect(document.title).not.toContain(anna.name);
}

const selectedTab = () => screen.getByRole('tab', { selected: true });

describe('Back and Forward', () => {
  it('go through search → citizen → tab → inbox with Alt+←/→, the mouse buttons and the header buttons', async () => {
    const historyLength = window.history.length;
    const { user } = renderApp(new FakeBridge());
    await user.type(await screen.findByLabelText('CPR-nummer eller navn'), 'Anna');
    await user.click(await within(await screen.findByRole('list', { name: 'Søgeresultater' })).findByRole('button', { name: /Anna Jensen/ }));
    await screen.findByRole('heading', { level: 1, name: anna.name });
    expectNoCprOutside();
    await user.click(screen.getByRole('tab', { name: 'Fravær' }));
    await user.click(screen.getByRole('button', { name: 'Indbakke' }));
    await screen.findByRole('heading', { name: 'Indbakke' });
    expect(screen.getByRole('button', { name: 'Frem' })).toBeDisabled();

    await user.keyboard('{Alt>}{ArrowLeft}{/Alt}');
    await screen.findByRole('heading', { level: 1, name: anna.name });
    expect(selectedTab()).toHaveAccessibleName('Fravær');
    expectNoCprOutside();

    fireEvent.mouseDown(document.body, { button: 3 });
    fireEvent.mouseUp(document.body, { button: 3 });
    await waitFor(() => expect(selectedTab()).toHaveAccessibleName('Dialog'));

    await user.click(screen.getByRole('button', { name: 'Tilbage' }));
    // The search as it was left: the text and its results.
    expect(await screen.findByLabelText('CPR-nummer eller navn')).toHaveValue('Anna');
    expect(await screen.findByRole('list', { name: 'Søgeresultater' })).toHaveTextContent(anna.name);
    expect(screen.getByRole('button', { name: 'Tilbage' })).toBeDisabled();

    await user.keyboard('{Alt>}{ArrowRight}{/Alt}');
    await screen.findByRole('heading', { level: 1, name: anna.name });
    expect(selectedTab()).toHaveAccessibleName('Dialog');
    fireEvent.mouseUp(document.body, { button: 4 });
    await waitFor(() => expect(selectedTab()).toHaveAccessibleName('Fravær'));
    await user.click(screen.getByRole('button', { name: 'Frem' }));
    await screen.findByRole('heading', { name: 'Indbakke' });
    expectNoCprOutside();
    // In the app's own memory only: the browser's session history got no entries.
    expect(window.history.length).toBe(historyLength);
  });

  it('a new screen after Back drops the screens ahead; Alt+← works from a text field, except on macOS (a word move there)', async () => {
    const { user } = renderApp(new FakeBridge(), { name: 'inbox' });
    await screen.findByRole('heading', { name: 'Indbakke' });
    await user.click(screen.getByRole('button', { name: 'Udbakke' }));
    await user.keyboard('{Alt>}{ArrowLeft}{/Alt}');
    await screen.findByRole('heading', { name: 'Indbakke' });
    await user.click(screen.getByRole('button', { name: 'Indstillinger' }));
    await screen.findByRole('heading', { name: 'Indstillinger' });
    expect(screen.getByRole('button', { name: 'Frem' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Søg borger' }));
    const platform = vi.spyOn(navigator, 'platform', 'get').mockReturnValue('MacIntel');
    await user.type(await screen.findByLabelText('CPR-nummer eller navn'), 'Anna{Alt>}{ArrowLeft}{/Alt}');
    expect(screen.getByRole('heading', { level: 1, name: 'Søg borger' })).toBeInTheDocument();
    platform.mockReturnValue('Win32');
    await user.keyboard('{Alt>}{ArrowLeft}{/Alt}');
    await screen.findByRole('heading', { name: 'Indstillinger' });
    platform.mockRestore();
  });

  it('is held by an open dialog and by an absence form with unsaved text, which says why', async () => {
    const { user } = await openCitizen(new FakeBridge(), anna.cpr, 'dialog');
    await user.click(screen.getByRole('tab', { name: 'Fravær' }));
    await user.keyboard('?');
    expect(screen.getByRole('dialog', { name: 'Tastaturgenveje' })).toBeInTheDocument();
    fireEvent.mouseUp(document.body, { button: 3 });
    await user.keyboard('{Alt>}{ArrowLeft}{/Alt}');
    expect(selectedTab()).toHaveAccessibleName('Fravær');
    await user.keyboard('{Escape}');

    await user.click(await screen.findByRole('button', { name: 'Registrér fravær' }));
    // Untouched, the form does not hold Back.
    await user.click(screen.getByRole('button', { name: 'Tilbage' }));
    await waitFor(() => expect(selectedTab()).toHaveAccessibleName('Dialog'));
    await user.click(screen.getByRole('button', { name: 'Frem' }));
    await user.click(await screen.findByRole('button', { name: 'Registrér fravær' }));
    await user.type(screen.getByLabelText('Kommentar'), 'Ferie i Spanien');
    fireEvent.mouseUp(document.body, { button: 3 });
    expect(selectedTab()).toHaveAccessibleName('Fravær');
    expect(screen.getByLabelText('Kommentar')).toHaveValue('Ferie i Spanien');
    expect(screen.getByRole('status', { name: 'Statusbesked' })).toHaveTextContent('Fraværet er ikke gemt');
    await user.click(screen.getByRole('button', { name: 'Annullér' }));
    await user.click(screen.getByRole('button', { name: 'Tilbage' }));
    await waitFor(() => expect(selectedTab()).toHaveAccessibleName('Dialog'));
  });
});
