// Attachments: the renderer sends bytes (never a path), main decides by content; a renamed non-PDF is
// refused with main's Danish message; an accepted PDF shows its size, pages and can be removed.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeBridge, failure } from './fakeBridge';
import { openCitizen, composerForm } from './helpers';

async function composer(bridge: FakeBridge) {
  const r = await openCitizen(bridge);
  await r.user.click(screen.getByRole('button', { name: 'Ny besked' }));
  await composerForm();
  return r;
}

describe('attachments', () => {
  it('shows main\'s refusal when a renamed non-PDF is attached, and sends only name and bytes', async () => {
    const refusal = 'Filen cv.pdf er ikke en PDF, selv om den hedder .pdf. Gem dokumentet som PDF, og vedhæft det igen.';
    const bridge = new FakeBridge().reply('attachments.add', () => failure('attachment', refusal));
    const { user } = await composer(bridge);
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]); // "MZ": a Windows program
    await user.upload(screen.getByLabelText('Vedhæft fil (PDF eller XML)'), new File([exe], 'cv.pdf', { type: 'application/pdf' }));

    expect(await screen.findByText(`cv.pdf: ${refusal}`)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Vedhæftede filer' })).not.toBeInTheDocument();

    const [request] = bridge.callsOf('attachments.add');
    expect(Object.keys(request!).sort()).toEqual(['bytes', 'draftId', 'fileName']);
    expect(request!.fileName).toBe('cv.pdf');
    expect(request!.bytes).toBeInstanceOf(Uint8Array);
    expect([...request!.bytes]).toEqual([...exe]);
    // Nothing that looks like a file system path crosses to main.
    expect(JSON.stringify({ ...request, bytes: null })).not.toMatch(/[\\/]/);
  });

  it('lists an accepted PDF with size in kB (decimal comma) and page count, and removes it', async () => {
    const bridge = new FakeBridge();
    bridge.reply('attachments.add', (req, b) => {
      const d = b.drafts.get(req.draftId)!;
      const a = { id: 'att-1', fileName: req.fileName, mimeType: 'application/pdf' as const, size: 12_650, sha256: 'x', pageCount: 3 };
      const next = { ...d, attachments: [a] };
      b.drafts.set(d.id, next);
      return { draft: next, attachment: a };
    });
    const { user } = await composer(bridge);
    const pdf = new TextEncoder().encode('%PDF-1.7\n%fake\n');
    await user.upload(screen.getByLabelText('Vedhæft fil (PDF eller XML)'), new File([pdf], 'indstilling.pdf', { type: 'application/pdf' }));

    const list = await screen.findByRole('list', { name: 'Vedhæftede filer' });
    expect(within(list).getByText('indstilling.pdf')).toBeInTheDocument();
    expect(within(list).getByText('PDF, 12,4 kB, 3 sider')).toBeInTheDocument();

    await user.click(within(list).getByRole('button', { name: 'Fjern indstilling.pdf' }));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Vedhæftede filer' })).not.toBeInTheDocument());
    expect(bridge.callsOf('attachments.remove')).toEqual([{ draftId: 'draft-1', attachmentId: 'att-1' }]);
  });

  it('holds Send while a file is being checked, so the message cannot leave without it', async () => {
    let release!: () => void;
    const checked = new Promise<void>((r) => (release = r));
    const bridge = new FakeBridge();
    bridge.reply('attachments.add', async (req, b) => {
      await checked;
      const d = b.drafts.get(req.draftId)!;
      const a = { id: 'att-1', fileName: req.fileName, mimeType: 'application/pdf' as const, size: 900, sha256: 'x', pageCount: 1 };
      const next = { ...d, attachments: [a] };
      b.drafts.set(d.id, next);
      return { draft: next, attachment: a };
    });
    const { user } = await composer(bridge);
    await user.selectOptions(screen.getByLabelText('Beskedtype'), '11');
    const send = screen.getByRole('button', { name: 'Send' });
    expect(send).toBeEnabled();

    await user.upload(screen.getByLabelText('Vedhæft fil (PDF eller XML)'), new File([new TextEncoder().encode('%PDF-1.7\n')], 'cv.pdf', { type: 'application/pdf' }));
    expect(await screen.findByText('Kontrollerer filen …')).toBeInTheDocument();
    expect(send).toBeDisabled();
    expect(screen.getByRole('note')).toHaveTextContent('Vent, til bilaget er kontrolleret og vedhæftet.');
    // Ctrl+Enter does not get round it either.
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(bridge.callsOf('drafts.submit')).toEqual([]);

    release();
    expect(await screen.findByRole('list', { name: 'Vedhæftede filer' })).toBeInTheDocument();
    await waitFor(() => expect(send).toBeEnabled());
  });

  it('accepts a file dropped onto the composer', async () => {
    const bridge = new FakeBridge();
    await composer(bridge);
    const form = screen.getByRole('region', { name: 'Ny besked' }).querySelector('form')!;
    const file = new File([new TextEncoder().encode('%PDF-1.4\n')], 'bilag.pdf', { type: 'application/pdf' });
    fireEvent.dragOver(form, { dataTransfer: { types: ['Files'], files: [file] } });
    fireEvent.drop(form, { dataTransfer: { types: ['Files'], files: [file] } });
    expect(await screen.findByText('bilag.pdf')).toBeInTheDocument();
    expect(bridge.callsOf('attachments.add')[0]!.fileName).toBe('bilag.pdf');
  });

  it('sends a type 11 with two documents: DFDG lets a message carry documents (seed 000), not just one', async () => {
    const bridge = new FakeBridge();
    const { user } = await composer(bridge);
    await user.selectOptions(screen.getByLabelText('Beskedtype'), '11');
    const pdf = (name: string) => new File([new TextEncoder().encode('%PDF-1.7\n')], name, { type: 'application/pdf' });
    await user.upload(screen.getByLabelText('Vedhæft fil (PDF eller XML)'), pdf('indstilling.pdf'));
    await user.upload(screen.getByLabelText('Vedhæft fil (PDF eller XML)'), pdf('cv.pdf'));
    const list = await screen.findByRole('list', { name: 'Vedhæftede filer' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(screen.queryByText(/bilag pr\. besked|ét bilag/)).not.toBeInTheDocument();
    const send = screen.getByRole('button', { name: 'Send' });
    await waitFor(() => expect(send).toBeEnabled());
    await user.click(send);
    await waitFor(() => expect(bridge.callsOf('drafts.submit')).toHaveLength(1));
  });

  it('refuses a file over 10 MB before sending it to main', async () => {
    const bridge = new FakeBridge();
    const { user } = await composer(bridge);
    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'stor.pdf', { type: 'application/pdf' });
    await user.upload(screen.getByLabelText('Vedhæft fil (PDF eller XML)'), big);
    expect(await screen.findByRole('alert')).toHaveTextContent('stor.pdf: Filen er for stor (10,0 MB). Et bilag må højst fylde 10 MB.');
    expect(bridge.callsOf('attachments.add')).toHaveLength(0);
  });
});
