// Hub mode takes the desktop off DFDG's notification queue: with a hub (ready, starting, or one set in
// Indstillinger that cannot be used) the core never calls WSRM, also not when asked (Synkronisér nu);
// only without a hub, or when the sandbox's own hub could not start, does it pull them itself. The
// Indbakke's channels say which it is.

import { afterEach, describe, expect, it } from 'vitest';
import type { HubTarget } from '../../../main/core/hub/target';
import { makeCore, type CoreRig } from '../app/helpers';

let rig: CoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const wsrmCalls = (r: CoreRig) => r.fake.calls.filter((c) => c.op === 'WsrmService.CreateSequence').length;
const TARGET = { dfdg: { baseUrl: 'https://dfdg.invalid', tls: { kind: 'pem' as const, cert: 'x', key: 'x' } }, mode: 'sandbox' as const };

describe('the notification poller in hub mode', () => {
  const cases: [string, HubTarget | null, boolean][] = [
    ['no hub', null, true],
    ['the sandbox’s hub starting', { state: 'starting', source: 'sandbox' }, false],
    ['a hub from Indstillinger whose certificate cannot be unlocked', { state: 'failed', source: 'settings', problem: 'Dit personlige certifikat til hubben kunne ikke låses op.' }, false],
    ['the sandbox’s hub failed to start', { state: 'failed', source: 'sandbox', problem: 'Sandboxens hub kunne ikke startes.' }, true],
  ];
  for (const [what, hub, polls] of cases) {
    it(`${what}: ${polls ? 'pulls' : 'never pulls'} DFDG's notifications`, async () => {
      rig = await makeCore({ over: { hub } });
      await rig.call('sync.now', {});
      await rig.core.poller.pollNow();
      expect(wsrmCalls(rig) > 0).toBe(polls);
      const info = await rig.call('app.info', {});
      if (!hub) {
        expect(info.hub).toBeNull();
        await expect(rig.call('hub.page', { view: 'all', offset: 0, limit: 50 })).rejects.toMatchObject({ kind: 'not-configured' });
      } else {
        expect(info.hub).toMatchObject({ source: hub.source, state: hub.state === 'starting' ? 'starting' : hub.source === 'sandbox' ? 'unavailable' : 'refused' });
        expect(await rig.call('hub.page', { view: 'all', offset: 0, limit: 50 })).toMatchObject({ items: [], total: 0, status: info.hub! });
      }
    });
  }

  it('a hub handed over later stops the pulling; taken away again, the desktop pulls at once', async () => {
    rig = await makeCore();
    const identity = (await rig.call('app.info', {})).identity;
    rig.core.reconfigure({ ...TARGET, identity, hub: { state: 'starting', source: 'sandbox' } });
    const before = wsrmCalls(rig);
    await rig.core.poller.pollNow();
    expect(wsrmCalls(rig)).toBe(before);
    rig.core.reconfigure({ ...TARGET, identity, hub: null });
    await rig.core.poller.pollNow();
    expect(wsrmCalls(rig)).toBeGreaterThan(before);
  });
});
