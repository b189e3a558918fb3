// The layout faults `npm run screenshots` showed, checked where they happen (real Chromium, 1366 px):
// the jobcenter's header wrapped its menu onto a second row; the citizen page stacked its three actions
// in a narrow right-aligned column; inbox rows cut title and type to the same words
// ("Indstilling om tilbud modt…").

import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { asOrganisation, e2eSuite, expectNoErrors, findAndOpenCitizen, go, registeredMember, shotsOnFailure, shown } from './flows';

const SCENARIO = 'layout';
const suite = e2eSuite(SCENARIO, { jobcenter: 'jobcenter-10100' });

const box = async (l: Locator) => {
  const b = await l.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
};

describe('layout at 1366 px', () => {
  it('keeps the jobcenter’s menu on the header’s row, the citizen’s actions in one row, and inbox titles and types whole', async () => {
    const { env, jobcenter } = suite;
    const page = jobcenter.page;
    shotsOnFailure(SCENARIO, { failure: page });
    expect(page.viewportSize()?.width).toBe(1366);
    const member = registeredMember(env);
    await asOrganisation(env, 'akasse-067', (ak, ctx) =>
      ak.citizenMessage.createMessage(ctx, {
        cpr: member.cpr,
        contextType: 11,
        channel: 4,
        subject: 'Indstilling om løntilskud i 26 uger',
        body: 'A-kassen indstiller til løntilskud.',
        allowReply: true,
        responseToId: null,
        to: { organisationType: 8, organisationCode: '10100' },
        documents: [],
      }),
    );

    // The header: brand, who the app acts as, and the menu in one row.
    await shown(page.getByLabel('Du arbejder som').filter({ hasText: '(10100)' }));
    const brand = await box(page.locator('.topbar .brand'));
    const menu = await box(page.getByRole('navigation', { name: 'Hovedmenu' }));
    expect(menu.y).toBeLessThan(brand.y + brand.height);
    expect(menu.y + menu.height).toBeGreaterThan(brand.y);

    // The inbox: the advisory's title and type are shown whole, not cut off.
    await go(page, 'Indbakke');
    const row = page.getByRole('listbox', { name: "Advis'er" }).getByRole('option').first();
    await shown(row, 20_000);
    for (const part of ['.title', '.kind', '.who', '.due', '.status']) {
      const cut = await row.locator(part).evaluate((el) => (el as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth > (el as unknown as { clientWidth: number }).clientWidth);
      expect([part, cut]).toEqual([part, false]);
    }

    // The citizen page: the three actions side by side (one row), right of the name.
    await findAndOpenCitizen(page, member.cpr, member.name);
    const actions = await Promise.all(['Opdatér fra DFDG', 'Ny besked', 'Eksportér adgangslog (CSV)'].map((name) => box(page.getByRole('button', { name }))));
    const tops = actions.map((b) => Math.round(b.y));
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(2);
    expect(actions[0]!.x).toBeLessThan(actions[1]!.x);
    expect(actions[1]!.x).toBeLessThan(actions[2]!.x);
    const name = await box(page.getByRole('heading', { level: 1, name: member.name }));
    expect(actions[0]!.x).toBeGreaterThan(name.x + name.width);

    await expectNoErrors([page], [jobcenter]);
  });
});
