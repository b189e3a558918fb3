// The access log's chain as the app shows it (issue 15 item 9): checked at start, shown in
// Indstillinger → Lokale data (retention.status) and with every export; a broken chain is shown and
// logged, not hidden.
import { afterEach, describe, expect, it } from 'vitest';
import type { LogLevel } from '../../../main/core/log';
import type { ChannelResponse } from '../../../shared/ipc';
import { CPR_A } from '../support/fixtures';
import { makeCore, seedCitizen, type CoreRig } from './helpers';

let rig: CoreRig;
afterEach(async () => {
  await rig?.close();
});

async function settled(): Promise<ChannelResponse<'retention.status'>> {
  const until = Date.now() + 5_000;
  for (;;) {
    const s = await rig.call('retention.status', {});
    if (s.auditLog.state !== 'checking') return s;
    if (Date.now() > until) throw new Error('the chain check at start never finished');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the access log chain in the app', () => {
  it('is checked at start; a change made around the app shows in Indstillinger, in the export and in the log', async () => {
    const lines: { level: LogLevel; message: string; fields?: Record<string, unknown> }[] = [];
    rig = await makeCore({ over: { log: (level, message, fields) => lines.push({ level, message, ...(fields ? { fields } : {}) }) } });
    seedCitizen(rig.fake, CPR_A);
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'citizen-page' });
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'citizen-page' });
    const ok = await settled();
    expect(ok.auditLog).toMatchObject({ state: 'intact', problem: null, retentionYears: 5 });
    expect((await rig.call('audit.export', { cpr: CPR_A })).chainIntact).toBe(true);

    // Someone with the database key forges the caseworker's name on the first entry.
    rig.core.store.db.exec('DROP TRIGGER audit_no_update');
    rig.core.store.db.prepare("UPDATE audit SET user_name = 'Bent Falsk' WHERE id = 1").run();
    await rig.restart();

    const s = await settled();
    expect(s.auditLog).toMatchObject({ state: 'broken', retentionYears: 5 });
    expect(s.auditLog.problem).toMatch(/^Post nr\. 1 \(.+\) er ændret, efter at den blev skrevet\.$/);
    expect(lines).toContainEqual({ level: 'error', message: 'audit: the access log chain is broken', fields: { entryId: 1, checked: 0 } });
    const exported = await rig.call('audit.export', { cpr: CPR_A });
    expect(exported.chainIntact).toBe(false);
    expect(exported.csv).toMatch(/KÆDEN ER BRUDT: Post nr\. 1/);
    // The broken chain does not stop the log: new entries are still written (and the break still shows).
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'citizen-page' });
    expect((await rig.call('retention.status', {})).auditLog.state).toBe('broken');
  });
});
