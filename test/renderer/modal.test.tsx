// Modals are the browser's own <dialog>, opened with showModal(): Esc reaches the top-most one as its
// cancel event and closes only that one, focus goes back to the button that opened it, and a dialog
// the browser closes by itself is gone from the screen too (the owner's state follows it).
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeBridge, anna } from './fakeBridge';
import { absenceRow, openCitizen } from './helpers';

const holiday = absenceRow();
const DELETE = 'Slet Ferie med feriepenge, feriedagpenge m.v. fra 01-12-2026';

async function openDelete() {
  const bridge = new FakeBridge().reply('absences.list', { absences: [holiday], freshness: { fetchedAt: null, stale: false, source: 'dfdg' } });
  const r = await openCitizen(bridge, anna.cpr, 'fravaer');
  const opener = await screen.findByRole('button', { name: DELETE });
  await r.user.click(opener);
  const dialog = screen.getByRole('dialog', { name: 'Slet fravær' });
  return { ...r, opener, dialog };
}

afterEach(() => vi.restoreAllMocks());

describe('modal dialogs', () => {
  it('open as a native modal <dialog> with focus on the first field; Esc closes it and focus returns to the opener', async () => {
    const showModal = vi.spyOn(HTMLDialogElement.prototype, 'showModal');
    const { user, opener, dialog } = await openDelete();
    expect(dialog.tagName).toBe('DIALOG');
    expect(showModal).toHaveBeenCalledTimes(1);
    expect(dialog).toHaveAttribute('open');
    expect(within(dialog).getByLabelText('Berigtigelseskommentar (skal udfyldes)')).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Slet fravær' })).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it('Esc closes only the top-most dialog: the help overlay opened over the delete dialog first', async () => {
    const { user, dialog } = await openDelete();
    await user.type(within(dialog).getByLabelText('Berigtigelseskommentar (skal udfyldes)'), 'Forkert borger');
    await user.keyboard('{F1}');
    const help = screen.getByRole('dialog', { name: 'Tastaturgenveje' });
    expect(within(help).getByRole('button', { name: 'Luk' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Tastaturgenveje' })).not.toBeInTheDocument();
    // The delete dialog is still open, with what was typed, and focus is back in it.
    const field = within(screen.getByRole('dialog', { name: 'Slet fravær' })).getByLabelText('Berigtigelseskommentar (skal udfyldes)');
    expect(field).toHaveValue('Forkert borger');
    expect(field).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('a dialog the browser closes without asking (a repeated close request) is gone, and opens again', async () => {
    const { user, opener, dialog } = await openDelete();
    (dialog as HTMLDialogElement).close();
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Slet fravær' })).not.toBeInTheDocument());
    await user.click(opener);
    expect(screen.getByRole('dialog', { name: 'Slet fravær' })).toHaveAttribute('open');
  });
});
