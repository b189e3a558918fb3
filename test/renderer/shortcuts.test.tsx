// Keyboard: Ctrl+K and "/" search, Ctrl+N new message, "?" and F1 help, Esc closes; plain keys do
// nothing while the caseworker types in a field.
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeBridge } from './fakeBridge';
import { openCitizen, renderApp, composerForm } from './helpers';

describe('shortcuts', () => {
  it('"/" and Ctrl+K focus the search field from anywhere', async () => {
    const { user } = await openCitizen(new FakeBridge());
    await user.keyboard('/');
    const search = await screen.findByLabelText('CPR-nummer eller navn');
    await waitFor(() => expect(search).toHaveFocus());
    await user.click(screen.getByRole('button', { name: 'Indstillinger' }));
    await screen.findByRole('heading', { name: 'Indstillinger' });
    await user.keyboard('{Control>}k{/Control}');
    await waitFor(() => expect(screen.getByLabelText('CPR-nummer eller navn')).toHaveFocus());
  });

  it('does not fire plain-key shortcuts while typing in a field', async () => {
    const { user } = renderApp();
    const search = await screen.findByLabelText('CPR-nummer eller navn');
    await user.type(search, 'a/b?jk');
    expect(search).toHaveValue('a/b?jk');
    expect(screen.queryByRole('dialog', { name: 'Tastaturgenveje' })).not.toBeInTheDocument();
  });

  it('"?" and F1 open the help overlay listing every shortcut, Esc closes it and focus returns', async () => {
    const { user } = await openCitizen(new FakeBridge());
    const newMessage = screen.getByRole('button', { name: 'Ny besked' });
    newMessage.focus();
    await user.keyboard('?');
    const help = screen.getByRole('dialog', { name: 'Tastaturgenveje' });
    for (const key of ['Ctrl+K', 'Ctrl+N', 'Ctrl+Enter', 'Alt+↓', 'Esc', 'F1']) expect(help).toHaveTextContent(key);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(newMessage).toHaveFocus();
    await user.keyboard('{F1}');
    expect(screen.getByRole('dialog', { name: 'Tastaturgenveje' })).toBeInTheDocument();
  });

  it('Ctrl+N opens a new message on the open citizen, even from another tab', async () => {
    const bridge = new FakeBridge();
    const { user } = await openCitizen(bridge, '0101901234', 'plan');
    await screen.findByRole('heading', { name: 'Min plan' });
    await user.keyboard('{Control>}n{/Control}');
    expect(await composerForm()).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Dialog' })).toHaveAttribute('aria-selected', 'true');
    expect(bridge.callsOf('drafts.create')).toEqual([{ cpr: '0101901234' }]);
  });

  it('moves between tabs with the arrow keys (ARIA tabs pattern)', async () => {
    const { user } = await openCitizen(new FakeBridge());
    const dialog = screen.getByRole('tab', { name: 'Dialog' });
    dialog.focus();
    await user.keyboard('{ArrowRight}');
    const fravaer = screen.getByRole('tab', { name: 'Fravær' });
    expect(fravaer).toHaveFocus();
    expect(fravaer).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'Fravær' })).toBeInTheDocument();
    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: 'Joblog' })).toHaveAttribute('aria-selected', 'true');
  });
});
