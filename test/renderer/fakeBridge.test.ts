// The renderer tests' stand-in for main speaks the real contract: what main would refuse or could not
// send is refused here too, and recorded so the test that caused it fails (helpers.tsx).
import { describe, expect, it } from 'vitest';
import { FakeBridge, anna, okStatus } from './fakeBridge';

describe('FakeBridge', () => {
  it('answers a request main would refuse with invalid-request, and records it', async () => {
    const bridge = new FakeBridge();
    const r = await bridge.invoke('citizens.open', { cpr: '010190-1234', purpose: 'citizen-page' });
    expect(r).toEqual({ ok: false, error: { kind: 'invalid-request', message: 'Forespørgslen er ugyldig.' } });
    expect(bridge.violations).toEqual(["the renderer's request on citizens.open: cpr CPR-nummeret skal være 10 cifre"]);
  });

  it('turns a scripted answer main could not send into main’s internal error, and records it', async () => {
    const bridge = new FakeBridge().reply('outbox.list', { items: [], status: { ...okStatus, cause: undefined as never } });
    const r = await bridge.invoke('outbox.list', {});
    expect(r).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(bridge.violations).toEqual([expect.stringMatching(/^the answer on outbox\.list: status\.cause /)]);
  });

  it('does not deliver an event main would not send', () => {
    const bridge = new FakeBridge();
    const got: unknown[] = [];
    bridge.on('connectivity.changed', (p) => got.push(p));
    bridge.emit('connectivity.changed', { online: false, reason: null } as never);
    bridge.emit('connectivity.changed', { online: false, reason: null, cause: 'unreachable' });
    expect(got).toEqual([{ online: false, reason: null, cause: 'unreachable' }]);
    expect(bridge.violations).toHaveLength(1);
  });

  it('starts drafts as main does: an a-kasse a type 11 to the citizen’s jobcenter, a jobcenter a type 1 to the a-kasse', async () => {
    const bridge = new FakeBridge();
    const akasse = await bridge.invoke('drafts.create', { cpr: anna.cpr });
    expect(akasse).toMatchObject({ ok: true, data: { contextType: 11, channel: 4, to: { organisationType: 8, organisationCode: '10100' }, recommendation: { offerType: null } } });
    bridge.identity = { ...bridge.identity!, organisation: { type: 'jobcenter', code: '10100', name: 'Jobcenter Testby' } };
    const jobcenter = await bridge.invoke('drafts.create', { cpr: anna.cpr });
    expect(jobcenter).toMatchObject({ ok: true, data: { contextType: 1, channel: 4, to: { organisationType: 2, organisationCode: '067' }, recommendation: null } });
    expect(bridge.violations).toEqual([]);
  });
});
