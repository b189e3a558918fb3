// The outbox count in the navigation and the outbox summary: main's SyncStatus counts a failed
// command both in `pending` (not finished) and in `failed`; the caseworker must see it once.
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeBridge, okStatus } from './fakeBridge';
import { renderApp } from './helpers';

describe('outbox counts', () => {
  it('counts one failed message once in the navigation, and rejected ones on top', async () => {
    const { bridge } = renderApp();
    await screen.findByLabelText('Du arbejder som');
    act(() => bridge.emit('outbox.changed', { status: { ...okStatus, online: false, pending: 1, failed: 1 } }));
    expect(screen.getByRole('button', { name: 'Udbakke (1)' })).toBeInTheDocument();
    act(() => bridge.emit('outbox.changed', { status: { ...okStatus, pending: 3, failed: 1, rejected: 2 } }));
    expect(screen.getByRole('button', { name: 'Udbakke (5)' })).toBeInTheDocument();
  });

  it('says how many wait, failed and were rejected without counting a failed one twice', async () => {
    const bridge = new FakeBridge().reply('outbox.list', { items: [], status: { ...okStatus, pending: 3, failed: 1, rejected: 0 } });
    const { user } = renderApp(bridge);
    await screen.findByLabelText('Du arbejder som');
    await user.click(screen.getByRole('button', { name: /^Udbakke/ }));
    expect(await screen.findByText(/2 venter, 1 fejlet, 0 afvist\./)).toBeInTheDocument();
  });
});
