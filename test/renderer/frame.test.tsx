// The frame every screen sits in: identity, sandbox badge, offline banner, outbox progress, title.
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeBridge, jobcenterIdentity, okStatus } from './fakeBridge';
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
    act(() => bridge.emit('connectivity.changed', { online: false, reason: 'ECONNREFUSED', cause: 'unreachable' }));
    expect(screen.getByText(text)).toBeInTheDocument();
    act(() => bridge.emit('connectivity.changed', { online: true, reason: null, cause: null }));
    expect(screen.queryByText(text)).not.toBeInTheDocument();
  });

  it('says the secure connection was refused (certificate) instead of "offline" while the cause is tls, and opens Indstillinger', async () => {
    const { bridge, user } = renderApp();
    await screen.findByLabelText('Du arbejder som');
    act(() => bridge.emit('connectivity.changed', { online: false, reason: 'Den sikre forbindelse til DFDG blev afvist …', cause: 'tls' }));
    const banner = screen.getByText(/^Den sikre forbindelse til DFDG blev afvist/);
    expect(banner).toHaveTextContent(/servercertifikat ikke udstedt af det CA-certifikat, der er sat op, eller også har DFDG afvist organisationens certifikat/);
    expect(banner).toHaveTextContent('Indstillinger → Certifikat');
    expect(screen.queryByText(/Du arbejder offline/)).not.toBeInTheDocument();
    expect(screen.queryByText(/kan ikke nås/)).not.toBeInTheDocument();
    // An outbox.changed while still refused carries the same cause: the banner stays.
    act(() => bridge.emit('outbox.changed', { status: { ...okStatus, online: false, cause: 'tls' } }));
    expect(screen.getByText(/^Den sikre forbindelse til DFDG blev afvist/)).toBeInTheDocument();
    await user.click(within(banner).getByRole('button', { name: 'Åbn Indstillinger' }));
    expect(await screen.findByRole('heading', { name: 'Certifikat' })).toBeInTheDocument();
    // Network trouble afterwards is plain offline again; back online removes the banner.
    act(() => bridge.emit('connectivity.changed', { online: false, reason: 'DFDG kan ikke nås lige nu.', cause: 'unreachable' }));
    expect(screen.getByText(/^Du arbejder offline/)).toBeInTheDocument();
    expect(screen.queryByText(/^Den sikre forbindelse/)).not.toBeInTheDocument();
    act(() => bridge.emit('connectivity.changed', { online: true, reason: null, cause: null }));
    expect(screen.queryByText(/^Den sikre forbindelse/)).not.toBeInTheDocument();
    expect(screen.queryByText(/^Du arbejder offline/)).not.toBeInTheDocument();
  });

  it('starts with the tls banner when app.info says the connection is refused', async () => {
    const bridge = new FakeBridge().reply('app.info', { version: '0.1.0', mode: 'dfdg', sandboxUrl: null, identity: jobcenterIdentity, today: '2026-11-22', status: { ...okStatus, online: false, cause: 'tls' }, hub: null });
    renderApp(bridge);
    expect(await screen.findByText(/^Den sikre forbindelse til DFDG blev afvist/)).toBeInTheDocument();
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
