// Hub mode in the browser: two consultants of jobcenter 10100, each on their own desktop (a real core
// behind browser mode's server, a page in Chromium), work one team queue through the organisation hub
// (hub/ with its own embedded PostgreSQL). A notification for the jobcenter becomes one advisory that
// both Indbakker show; Søren takes it, and Birgitte's Indbakke shows it taken by him without a reload,
// no longer among the unassigned, with no take offered. Søren then hands it to Birgitte by name (Giv til
// kollega): it is hers in Mine, and her Fordeling shows it; the next notification she takes with the key
// T (Tag næste). The team inbox, the hand-over dialog and Fordeling are axe-clean in Chromium.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubHandle } from '../../hub/server';
import { hubTargetFor, HUB_TUNING } from '../core/hub/helpers';
import { startTestDatabase, startTestHub, type TestDatabase } from '../hub/helpers';
import { axeScan, clearShots, shot } from './browser';
import { expectNoErrors, go, hasText, shotsOnFailure, shown } from './flows';
import { startE2e, type Caseworker, type E2eEnv } from './harness';

const SCENARIO = 'hub-team';
const ORG = 'jobcenter-10100';

let env: E2eEnv;
let db: TestDatabase;
let hub: HubHandle;
let soeren: Caseworker;
let birgitte: Caseworker;

beforeAll(async () => {
  clearShots(SCENARIO);
  [env, db] = await Promise.all([startE2e(), startTestDatabase()]);
  hub = await startTestHub(env.sb, db.url);
  const desk = (n: number, dir: string) => env.caseworker(ORG, { dir, core: { hub: hubTargetFor(env.sb, `${ORG}-${n}`, hub.url), hubTuning: HUB_TUNING } });
  [soeren, birgitte] = await Promise.all([desk(1, 'soeren'), desk(2, 'birgitte')]);
  await Promise.all([soeren.core.hub()!.whenOnline(), birgitte.core.hub()!.whenOnline()]);
});

afterAll(async () => {
  // The desktops first (they hold feeds to the hub), then the hub and its database.
  await env?.close();
  await hub?.close();
  await db?.close();
});

describe('hub mode: two jobcenter consultants, one team queue', () => {
  it('one takes the advisory, the other sees it taken by name, live', async () => {
    const s = soeren.page;
    const b = birgitte.page;
    shotsOnFailure(SCENARIO, { 'failure-soeren': s, 'failure-birgitte': b });
    // The a-kasse registers an absence for a member of the jobcenter: DFDG notifies the jobcenter, the hub pulls it.
    await env.admin.raiseNotifications({ org: ORG, count: 1, method: 'GetAbsenceVersion1' });

    for (const page of [s, b]) {
      await go(page, 'Indbakke');
      await shown(page.getByRole('tab', { name: 'Ufordelte (1)' }));
    }
    const row = (page: typeof s) => page.getByRole('listbox', { name: 'Teamets opgaver' }).getByRole('option').filter({ hasText: 'Fravær registreret af a-kassen' });
    await hasText(row(s), 'Ufordelt');
    await hasText(row(b), 'Ufordelt');
    await shot(b, SCENARIO, '1-birgitte-ufordelte');
    // Birgitte looks at the whole queue; Søren takes it.
    await b.getByRole('tab', { name: 'Alle (1)' }).click();
    await row(b).click();
    await shown(b.getByRole('button', { name: 'Tag opgaven' }));

    await row(s).click();
    await s.getByRole('button', { name: 'Tag opgaven' }).click();
    await shown(s.getByRole('tab', { name: 'Mine (1)' }));
    await hasText(s.getByRole('status', { name: 'Statusbesked' }), 'Du har taget opgaven.');

    // Birgitte's Indbakke follows without a reload: taken by Søren, nothing left unassigned, no take offered.
    await hasText(row(b), /Taget af Søren Østergaard kl\. \d\d:\d\d/);
    await shown(b.getByRole('tab', { name: 'Ufordelte (0)' }));
    await hasText(b.getByRole('region', { name: 'Fravær registreret af a-kassen' }), /Taget af Søren Østergaard kl\. \d\d:\d\d/);
    expect(await b.getByRole('button', { name: 'Tag opgaven' }).count()).toBe(0);
    await shot(b, SCENARIO, '2-birgitte-taget-af-soeren');

    expect(await axeScan(b)).toEqual([]);
    // One take at the hub, by Søren's desktop.
    expect(await db.sql("SELECT actor_name, desktop_id FROM audit WHERE action = 'taken'")).toEqual([{ actor_name: 'Søren Østergaard', desktop_id: expect.stringMatching(/^desktop-/) }]);
    await expectNoErrors([s, b], [soeren, birgitte]);
  });

  it('Søren hands it to Birgitte by name; she sees it in Mine and in Fordeling, and takes the next with T', async () => {
    const s = soeren.page;
    const b = birgitte.page;
    shotsOnFailure(SCENARIO, { 'failure-handover-soeren': s, 'failure-handover-birgitte': b });
    await s.getByRole('tab', { name: 'Mine (1)' }).click();
    await s.getByRole('listbox', { name: 'Teamets opgaver' }).getByRole('option').first().click();
    await s.getByRole('button', { name: 'Giv til kollega …' }).click();
    const dialog = s.getByRole('dialog', { name: /^Giv til kollega/ });
    await dialog.getByLabel('Kollega').selectOption({ label: 'Birgitte Hjort (0 åbne opgaver)' });
    expect(await axeScan(s)).toEqual([]);
    await dialog.getByRole('button', { name: 'Giv opgaven' }).click();
    await hasText(s.getByRole('status', { name: 'Statusbesked' }), 'Opgaven er givet til Birgitte Hjort.');
    await shown(s.getByRole('tab', { name: 'Mine (0)' }));

    // Birgitte's desktop hears it from the hub's feed: hers.
    await shown(b.getByRole('tab', { name: 'Mine (1)' }));
    await b.getByRole('button', { name: 'Fordeling' }).click();
    await hasText(b.getByRole('table').getByRole('row', { name: /^Birgitte Hjort \(dig\)/ }), /^Birgitte Hjort \(dig\)\s+1\s+\d+\s+0$/);
    await shot(b, SCENARIO, '3-birgitte-fordeling');
    expect(await axeScan(b)).toEqual([]);
    expect(await db.sql("SELECT actor_name, detail #>> '{to,name}' AS to_name FROM audit WHERE action = 'handed-over'")).toEqual([{ actor_name: 'Søren Østergaard', to_name: 'Birgitte Hjort' }]);

    // A new notification: Birgitte presses T in her list and it is hers.
    await env.admin.raiseNotifications({ org: ORG, count: 1, method: 'GetAbsenceVersion1' });
    await shown(b.getByRole('tab', { name: 'Ufordelte (1)' }));
    await b.getByRole('listbox', { name: 'Teamets opgaver' }).focus();
    await b.keyboard.press('t');
    await shown(b.getByRole('tab', { name: 'Mine (2)', selected: true }));
    await hasText(b.getByRole('status', { name: 'Statusbesked' }), /^Du har taget: /);
    await shown(b.getByRole('tab', { name: 'Ufordelte (0)' }));
    await expectNoErrors([s, b], [soeren, birgitte]);
  });
});
