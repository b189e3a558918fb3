// The in-app PDF preview: opened from an attachment, pdf.js loaded on demand (lib/pdf is a dynamic
// import; here it is replaced, since jsdom cannot run pdf.js), pages turned from the keyboard.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FakeBridge } from './fakeBridge';
import { openCitizen, composerForm } from './helpers';

const opened: Uint8Array[] = [];
const rendered: number[] = [];
vi.mock('../../renderer/src/lib/pdf', () => ({
  openPdf: async (bytes: Uint8Array) => {
    opened.push(bytes);
    return { pageCount: 3, render: async (page: number) => void rendered.push(page), close: async () => undefined };
  },
}));

describe('PDF preview', () => {
  it('opens an attached PDF in the app and turns pages', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n');
    const bridge = new FakeBridge().reply('attachments.get', { fileName: 'indstilling.pdf', mimeType: 'application/pdf', bytes: pdf });
    const { user } = await openCitizen(bridge);
    await user.click(screen.getByRole('button', { name: 'Ny besked' }));
    await composerForm();
    await user.upload(screen.getByLabelText('Vedhæft fil (PDF eller XML)'), new File([pdf], 'indstilling.pdf', { type: 'application/pdf' }));
    await user.click(await screen.findByRole('button', { name: 'Vis indstilling.pdf' }));

    const dialog = await screen.findByRole('dialog', { name: 'Forhåndsvisning: indstilling.pdf' });
    expect(await within(dialog).findByRole('img', { name: 'Side 1 af 3 i indstilling.pdf' })).toBeInTheDocument();
    expect([...opened[0]!]).toEqual([...pdf]);
    expect(bridge.callsOf('attachments.get')).toEqual([{ draftId: 'draft-1', attachmentId: 'att-1' }]);

    await user.click(within(dialog).getByRole('button', { name: 'Næste side' }));
    expect(within(dialog).getByRole('img', { name: 'Side 2 af 3 i indstilling.pdf' })).toBeInTheDocument();
    await waitFor(() => expect(rendered).toEqual([1, 2]));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('Ctrl+Enter in the preview does not send the message beneath it (the dialog holds the composer\'s keys)', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n');
    const bridge = new FakeBridge().reply('attachments.get', { fileName: 'cv.pdf', mimeType: 'application/pdf', bytes: pdf });
    const { user } = await openCitizen(bridge);
    await user.click(screen.getByRole('button', { name: 'Ny besked' }));
    await composerForm();
    await user.type(screen.getByLabelText('Overskrift'), 'Samtale');
    await user.type(screen.getByLabelText('Tekst'), 'Hej Anna');
    await user.upload(screen.getByLabelText('Vedhæft fil (PDF eller XML)'), new File([pdf], 'cv.pdf', { type: 'application/pdf' }));
    await user.click(await screen.findByRole('button', { name: 'Vis cv.pdf' }));
    const dialog = await screen.findByRole('dialog', { name: 'Forhåndsvisning: cv.pdf' });
    await within(dialog).findByRole('img', { name: 'Side 1 af 3 i cv.pdf' });
    within(dialog).getByRole('button', { name: 'Næste side' }).focus();

    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(bridge.callsOf('drafts.submit')).toEqual([]);
    expect(dialog).toBeInTheDocument();

    // Closed again, Ctrl+Enter in the composer sends as before.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    screen.getByLabelText('Tekst').focus();
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(bridge.callsOf('drafts.submit')).toHaveLength(1));
  });
});
