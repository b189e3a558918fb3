// What a caseworker does, step by step, in the real renderer (accessible names from renderer/README.md).
// Shared by the scenarios; each step waits for what the user would see, never for a fixed time.

import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { formatCpr } from '../../shared/cpr';
import { addDays, danish } from './harness';

/** A RegExp matching the literal text (for accessible names that contain more than the text). */
export function lit(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

/** Waits until the element is visible (Playwright's auto-wait; the page's default timeout applies). */
export async function shown(l: Locator, timeout?: number): Promise<Locator> {
  await l.first().waitFor({ state: 'visible', ...(timeout ? { timeout } : {}) });
  return l;
}

/** Waits until the element is gone or hidden. */
export async function gone(l: Locator, timeout?: number): Promise<void> {
  await l.waitFor({ state: 'hidden', ...(timeout ? { timeout } : {}) });
}

/** Polls the element's text until it contains every part. */
export async function hasText(l: Locator, ...parts: (string | RegExp)[]): Promise<void> {
  await expect
    .poll(async () => ((await l.count()) > 0 ? await l.first().innerText() : ''), { timeout: 15_000 })
    .toSatisfy((t: string) => parts.every((p) => (typeof p === 'string' ? t.includes(p) : p.test(t))));
}

/** Search by CPR typed with a dash, see the citizen in the results, open the citizen page. */
export async function findAndOpenCitizen(page: Page, cpr: string, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('button', { name: 'Søg borger' }).click();
  const box = page.getByRole('searchbox', { name: 'CPR-nummer eller navn' });
  await box.fill(formatCpr(cpr));
  const result = page.getByRole('list', { name: 'Søgeresultater' }).getByRole('button', { name: new RegExp(name) });
  await shown(result);
  await hasText(result, formatCpr(cpr));
  await result.click();
  await shown(page.getByRole('heading', { level: 1, name }));
}

/** Opens a tab of the citizen page ('Dialog', 'Fravær', 'Min plan', 'Møder', 'Joblog'). */
export async function openTab(page: Page, tab: string): Promise<void> {
  await page.getByRole('tablist', { name: 'Borgerens oplysninger' }).getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
  await shown(page.getByRole('tab', { name: new RegExp(`^${tab}`), selected: true }));
}

export async function go(page: Page, item: 'Søg borger' | 'Indbakke' | 'Udbakke' | 'Indstillinger'): Promise<void> {
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('button', { name: new RegExp(`^${item}`) }).click();
}

export interface RecommendationInput {
  subject: string;
  reason: string;
  offerName: string;
  company: { cvr: string; pNumber: string };
  startInDays: number;
  weeks: number;
  hours: number;
  today: string;
  attachment?: { name: string; bytes: Buffer };
}

/**
 * On an open citizen page: Ny besked → type 11 with the structured form, the company looked up by
 * CVR, a reason typed after the generated block, an optional PDF through the file input. Leaves the
 * composer open (not sent). Returns the composer region.
 */
export async function writeRecommendation(page: Page, r: RecommendationInput): Promise<Locator> {
  await page.getByRole('button', { name: 'Ny besked' }).click();
  const composer = page.getByRole('region', { name: 'Ny besked' });
  await shown(composer);
  await composer.getByLabel('Beskedtype').selectOption('11');
  const form = composer.getByRole('group', { name: 'Indstilling om tilbud' });
  await shown(form);
  await form.getByLabel('Tilbudstype').selectOption({ label: r.offerName });
  await form.getByLabel('Virksomhedens CVR-nummer').fill(r.company.cvr);
  await form.getByRole('button', { name: 'Slå virksomhed op' }).click();
  const chosen = form.getByText('Valgt virksomhed:');
  const units = form.getByRole('group', { name: 'Vælg produktionsenhed' });
  await shown(chosen.or(units));
  if (await units.isVisible()) await units.getByRole('button', { name: new RegExp(r.company.pNumber) }).click();
  await shown(chosen);
  await form.getByLabel(/^Foreslået start/).fill(danish(addDays(r.today, r.startInDays)));
  await form.getByLabel('Varighed i uger').fill(String(r.weeks));
  await form.getByLabel('Timer pr. uge').fill(String(r.hours));

  const body = composer.getByLabel('Tekst');
  await expect.poll(() => body.inputValue()).toContain(`Varighed: ${r.weeks} uger`);
  await body.press('ControlOrMeta+End');
  await body.pressSequentially(r.reason);
  await composer.getByLabel('Overskrift').fill(r.subject);

  if (r.attachment) {
    await composer.getByLabel('Vedhæft fil (PDF eller XML)').setInputFiles({ name: r.attachment.name, mimeType: 'application/pdf', buffer: r.attachment.bytes });
    await hasText(composer.getByRole('list', { name: 'Vedhæftede filer' }), r.attachment.name);
  }
  // Saved as a draft in main before it is sent.
  await shown(composer.getByText(/^Gemt \d\d:\d\d$/));
  return composer;
}

/** The outbox screen with nothing left to send. */
export async function expectOutboxEmpty(page: Page): Promise<void> {
  await go(page, 'Udbakke');
  await shown(page.getByText('Udbakken er tom. Alt er sendt.'), 20_000);
}
