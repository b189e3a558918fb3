// axe-core in Chromium on every screen of the real renderer against the real core: search, the citizen
// page with each tab, the composer with the type 11 form and findings, the PDF preview, the inbox,
// the jobcenter's answer view, the outbox with a rejected item and its edit dialog, settings, the help
// overlay, the sandbox guide and the offline banner. No serious or critical finding is allowed.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatCpr } from '../../shared/cpr';
import { makePdf } from '../fixtures/pdf';
import { axeScan, shot, type AxeFinding } from './browser';
import { e2eSuite, expectNoErrors, fillAbsence, findAndOpenCitizen, go, gone, hasText, openTab, registeredMember, shotsOnFailure, shown, writeRecommendation } from './flows';
import { addDays } from './harness';

const SCENARIO = 'axe';

const suite = e2eSuite(SCENARIO, { akasse: 'akasse-067', jobcenter: 'jobcenter-10100' });
const findings: Record<string, AxeFinding[]> = {};
const scanned: string[] = [];

/** Scans the page as it is now; keeps a screenshot of what was scanned. */
async function scan(page: Page, screen: string): Promise<void> {
  const found = await axeScan(page);
  scanned.push(screen);
  if (found.length) findings[screen] = found;
  await shot(page, SCENARIO, `${String(scanned.length).padStart(2, '0')}-${screen}`);
}

describe('axe-core on every screen', () => {
  it('the scan itself reports a critical finding when there is one', async () => {
    const page = suite.akasse.page;
    await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { body: { append(n: unknown): void }; createElement(t: string): { id: string } } }).document;
      const b = doc.createElement('button');
      b.id = 'e2e-unnamed';
      doc.body.append(b);
    });
    const found = await axeScan(page);
    await page.evaluate(() => (globalThis as unknown as { document: { getElementById(id: string): { remove(): void } } }).document.getElementById('e2e-unnamed').remove());
    expect(found).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'button-name', impact: 'critical', nodes: ['["#e2e-unnamed"]'] })]));
  });

  it('finds nothing serious or critical', async () => {
    const { env, akasse, jobcenter } = suite;
    const ak = akasse.page;
    const jc = jobcenter.page;
    shotsOnFailure(SCENARIO, { 'failure-akasse': ak, 'failure-jobcenter': jc });
    const member = registeredMember(env);
    const company = env.sample.companies!.withAccount[0]!;

    // Search, with results.
    await ak.getByRole('searchbox', { name: 'CPR-nummer eller navn' }).fill(formatCpr(member.cpr));
    await shown(ak.getByRole('list', { name: 'Søgeresultater' }));
    await scan(ak, 'search');

    // The citizen page, every tab.
    await findAndOpenCitizen(ak, member.cpr, member.name);
    for (const [tab, id] of [
      ['Dialog', 'citizen-dialog'],
      ['Fravær', 'citizen-fravaer'],
      ['Min plan', 'citizen-plan'],
      ['Møder', 'citizen-moeder'],
      ['Joblog', 'citizen-joblog'],
    ] as const) {
      await openTab(ak, tab);
      await shown(ak.getByRole('tabpanel').getByRole('heading').first());
      await ak.getByRole('tabpanel').getByText(/^(Hentet fra DFDG|Fra den lokale kopi)/).first().waitFor();
      await scan(ak, id);
    }

    // The absence form with its consequences and a warning finding.
    await openTab(ak, 'Fravær');
    const form = await fillAbsence(ak, { start: addDays(env.today, 7), end: addDays(env.today, 16), type: '2' });
    await shown(form.getByRole('note', { name: 'Det betyder registreringen for borgeren' }));
    await scan(ak, 'absence-form');
    await form.getByRole('button', { name: 'Registrér' }).click(); // DFDG will reject it (4592): the outbox below
    await gone(form);

    // The composer: type 11 with the structured form, findings (an error and warnings) and a PDF.
    await openTab(ak, 'Dialog');
    await ak.getByRole('button', { name: 'Ny besked' }).click();
    const composer = ak.getByRole('region', { name: 'Ny besked' });
    await composer.getByLabel('Beskedtype').selectOption('11');
    await composer.getByLabel('Overskrift').fill('Indstilling vedr. 010190-1234'); // a CPR in the subject: an error (MSG_SUBJECT_CPR)
    await shown(composer.getByRole('note').filter({ hasText: 'Beskeden kan ikke sendes endnu' }));
    await scan(ak, 'composer-type11-findings');
    await composer.getByRole('button', { name: 'Kassér kladden' }).click();
    await gone(composer);
    const filled = await writeRecommendation(ak, {
      subject: 'Indstilling (axe)',
      reason: 'Motiveret.',
      offerName: 'Virksomhedspraktik',
      company: { cvr: company.cvrNummer, pNumber: company.pNummer },
      startInDays: 14,
      weeks: 4,
      hours: 20,
      today: env.today,
      attachment: { name: 'bilag.pdf', bytes: Buffer.from(makePdf({ pages: 2 })) },
    });
    await scan(ak, 'composer-type11-filled');
    await filled.getByRole('button', { name: 'Vis bilag.pdf' }).click();
    const preview = ak.getByRole('dialog', { name: 'Forhåndsvisning: bilag.pdf' });
    await shown(preview.getByRole('img', { name: 'Side 1 af 2 i bilag.pdf' }));
    await scan(ak, 'pdf-preview');
    await ak.keyboard.press('Escape');
    await gone(preview);
    await filled.getByRole('button', { name: 'Send' }).click();
    await gone(filled);

    // The outbox with the rejected absence, and its edit dialog.
    const banner = ak.getByRole('note').filter({ hasText: 'er afvist af DFDG og skal rettes' });
    await shown(banner, 20_000);
    await banner.getByRole('button', { name: 'Åbn udbakken' }).click();
    await hasText(ak.getByRole('list', { name: 'Udbakke' }), 'fejlkode 4592');
    await scan(ak, 'outbox-rejected');
    await ak.getByRole('button', { name: 'Ret og send igen' }).click();
    await shown(ak.getByRole('dialog', { name: 'Ret og send igen' }));
    await scan(ak, 'outbox-edit-dialog');
    await ak.keyboard.press('Escape');

    // Settings, the help overlay, the sandbox guide.
    await go(ak, 'Indstillinger');
    await shown(ak.getByRole('button', { name: 'Gem indstillinger' }));
    await scan(ak, 'settings');
    await ak.getByRole('button', { name: 'Genveje (?)' }).click();
    await shown(ak.getByRole('dialog', { name: 'Tastaturgenveje' }));
    await scan(ak, 'help-overlay');
    await ak.keyboard.press('Escape');
    await ak.getByLabel('Du arbejder som').getByText('Sandbox', { exact: true }).click();
    await shown(ak.getByText('Sådan kobler du til DFDG:'));
    await scan(ak, 'sandbox-guide');

    // The jobcenter: inbox with the recommendation, and the answer view (grant and reject).
    await go(jc, 'Indbakke');
    const received = jc.getByRole('listbox', { name: "Advis'er" }).getByRole('option').filter({ hasText: `CPR ${formatCpr(member.cpr)}` });
    await shown(received, 20_000);
    await received.click();
    await scan(jc, 'inbox');
    await jc.getByRole('button', { name: 'Besvar indstillingen' }).click();
    const answer = jc.getByRole('dialog', { name: /^Besvar indstilling om tilbud/ });
    await hasText(answer, 'Indstilling (axe)');
    await answer.getByRole('radio', { name: 'Bevilg tilbuddet' }).check();
    await scan(jc, 'answer-grant');
    await answer.getByRole('radio', { name: 'Afslå indstillingen' }).check();
    await answer.getByRole('button', { name: 'Send afslag' }).click();
    await shown(answer.getByRole('alert'));
    await scan(jc, 'answer-reject-problems');
    await jc.keyboard.press('Escape');

    // The offline banner.
    await env.admin.setFaults({ offline: true });
    await jc.getByRole('button', { name: 'Udbakke' }).click();
    await jc.getByRole('button', { name: 'Send nu' }).click();
    await shown(jc.getByText('Du arbejder offline.', { exact: false }), 20_000);
    await scan(jc, 'offline-banner');
    await env.admin.clearFaults();

    expect(scanned).toHaveLength(19);
    expect(findings).toEqual({});
    await expectNoErrors([ak, jc]);
  });
});
