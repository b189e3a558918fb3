// The frame every screen sits in: identity, sandbox badge, offline banner, outbox progress, title.
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeBridge, jobcenterIdentity } from './fakeBridge';
import { openCitizen, renderApp } from './helpers';

describe('the frame', () => {
  it('shows who the app acts as and the sandbox badge with a guide to a real DFDG', async () => {
    const { user } = renderApp();
    const who = await screen.findByLabelText('Du arbejder som');
    expect(within(who).getByText('Testkassen')).toBeInTheDocument();
    expect(who).toHaveTextContent('A-kasse: Testkassen (067)');
    expect(who).toHaveTextContent('Sagsbehandler: Karin Sagsbehandler');
    await user.click(within(who).getByText('Sandbox'));
    expect(within(who).getByText(/Importér organisationens systemcertifikat/)).toBeVisible();
  });

  it('has no sandbox badge against a real DFDG, and shows a jobcenter as such', async () => {
    const bridge = new FakeBridge();
    bridge.mode = 'dfdg';
    bridge.identity = jobcenterIdentity;
    renderApp(bridge);
    const who = await screen.findByLabelText('Du arbejder som');
    expect(who).toHaveTextContent('Jobcenter: Jobcenter Testby (10100)');
    expect(within(who).queryByText('Sandbox')).not.toBeInTheDocument();
  });

  it('shows the offline banner while connectivity.changed says offline, and removes it again', async () => {
    const { bridge } = renderApp();
    await screen.findByLabelText('Du arbejder som');
    const text = 'Du arbejder offline. Beskeder og registreringer sendes, når forbindelsen er tilbage.';
    expect(screen.queryByText(text)).not.toBeInTheDocument();
    act(() => bridge.emit('connectivity.changed', { online: false, reason: 'ECONNREFUSED' }));
    expect(screen.getByText(text)).toBeInTheDocument();
    act(() => bridge.emit('connectivity.changed', { online: true, reason: null }));
    expect(screen.queryByText(text)).not.toBeInTheDocument();
  });

  it('shows a progress bar while the outbox drains and hides it when done', async () => {
    const { bridge } = renderApp();
    await screen.findByLabelText('Du arbejder som');
    act(() => bridge.emit('sync.progress', { done: 3, total: 10 }));
    const bar = screen.getByRole('progressbar', { name: 'Sender udbakke: 3 af 10' });
    expect(bar).toHaveAttribute('value', '3');
    expect(bar).toHaveAttribute('max', '10');
    act(() => bridge.emit('sync.progress', { done: 10, total: 10 }));
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('never puts the CPR number (or the name) in the window title', async () => {
    await openCitizen(new FakeBridge());
    expect(document.title).toBe('Borger – DFDG Desk');
    expect(document.title).not.toMatch(/\d{6}-?\d{4}/);
    expect(document.title).not.toContain('Anna');
  });

  it('counts open advisories in the navigation from inbox.changed', async () => {
    const { bridge } = renderApp();
    await screen.findByLabelText('Du arbejder som');
    act(() => bridge.emit('inbox.changed', { open: 7 }));
    expect(screen.getByRole('button', { name: 'Indbakke (7)' })).toBeInTheDocument();
  });
});
