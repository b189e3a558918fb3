import { afterEach, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../shared/ipc';
import { createTestSecretStore, SettingsService } from '../../../main/core/settings';
import { AKASSE_IDENTITY, CPR_A } from '../support/fixtures';
import { FakeDfdg } from '../support/fakeDfdg';
import { tempDataDir } from '../support/tmp';
import { makeCore, seedCitizen, type CoreRig } from './helpers';

let rig: CoreRig;
afterEach(async () => {
  await rig?.close();
});

describe('the core behind the IPC contract', () => {
  it('implements every channel of shared/ipc.ts and nothing else', async () => {
    rig = await makeCore();
    expect(Object.keys(rig.core.handlers).sort()).toEqual([...channelNames].sort());
  });

  it('tells the renderer about the outbox, sync progress, connectivity and inbox', async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A);
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'citizen-page' });
    const seen: Record<string, unknown[]> = {};
    for (const e of ['outbox.changed', 'sync.progress', 'connectivity.changed', 'inbox.changed', 'citizen.updated'] as const) {
      rig.core.on(e, (p) => (seen[e] ??= []).push(p));
    }
    rig.fake.offline = true;
    await rig.call('absences.create', { cpr: CPR_A, input: { type: 10, start: '2026-12-01', end: null, comment: null, notificationDate: '2026-11-22', endReason: null } });
    await rig.call('absences.create', { cpr: CPR_A, input: { type: 10, start: '2027-01-04', end: null, comment: null, notificationDate: '2026-11-22', endReason: null } });
    // outbox.changed is coalesced (one per 100 ms at most): wait for the events, not for a while.
    await vi.waitFor(() => {
      expect(seen['connectivity.changed']).toContainEqual({ online: false, reason: expect.stringContaining('DFDG kan ikke nås'), cause: 'unreachable' });
      expect(seen['outbox.changed']?.at(-1)).toMatchObject({ status: { online: false, pending: 2, cause: 'unreachable' } });
    });
    rig.fake.offline = false;
    await rig.core.engine.whenDrained(5000);
    await vi.waitFor(() => {
      expect(seen['connectivity.changed']!.at(-1)).toEqual({ online: true, reason: null, cause: null });
      expect(seen['sync.progress']!.at(-1)).toEqual({ done: 2, total: 2 });
      expect(seen['outbox.changed']!.at(-1)).toMatchObject({ status: { pending: 0, online: true, cause: null } });
    });
    expect(seen['citizen.updated']).toContainEqual({ cpr: CPR_A });
  });

  it('delegates settings to the settings service; what they change reaches the core only through reconfigure (from the shell)', async () => {
    const tmp = tempDataDir();
    const settings = await SettingsService.open(tmp.dir, createTestSecretStore());
    const fake = new FakeDfdg();
    let built = 0;
    rig = await makeCore({ fake, over: { settings, clientsFactory: () => (built++, fake.clients()) } });
    expect((await rig.call('settings.get', {})).retentionDays).toBe(30);
    await rig.call('settings.save', { caseworkerName: 'Birgitte Berg', retentionDays: 45 });
    expect((await rig.call('settings.get', {})).retentionDays).toBe(45);
    // The core does not follow the settings on its own (main/runtime.ts owns reconfiguration) ...
    const info = await rig.call('app.info', {});
    expect(info.identity?.caseworker.fullName).toBe(AKASSE_IDENTITY.caseworker.fullName);
    // ... and applies what the shell hands it in place: a name without new clients, an address with them.
    const target = { dfdg: { baseUrl: 'https://dfdg.invalid', tls: { kind: 'pem' as const, cert: 'x', key: 'x' } }, mode: 'sandbox' as const };
    rig.core.reconfigure({ ...target, identity: settings.applyCaseworker(structuredClone(AKASSE_IDENTITY)) });
    expect((await rig.call('app.info', {})).identity?.caseworker.fullName).toBe('Birgitte Berg');
    expect(built).toBe(1);
    rig.core.reconfigure({ ...target, dfdg: { ...target.dfdg, baseUrl: 'https://dfdg-test.invalid' }, identity: AKASSE_IDENTITY });
    expect(built).toBe(2);
    tmp.cleanup();
  });
});
