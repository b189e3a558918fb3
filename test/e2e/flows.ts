// What a caseworker does, step by step, in the real renderer (accessible names from renderer/README.md),
// and what every scenario sets up and checks: the suite's world (e2eSuite), the screenshots of a
// failure, the closing check for errors, DFDG seen directly by an organisation's own system.
// Each step waits for what the user would see, never for a fixed time.

import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, onTestFailed } from 'vitest';
import type { CallContext, DfdgClients } from '../../main/core/dfdg';
import type { SandboxStats } from '../../sandbox/adminClient';
import type { OpCounts } from '../../sandbox/stats';
import { formatCpr } from '../../shared/cpr';
import { clientsFor, ctxFor, type SampleCitizen } from '../contract/helpers';
import { clearShots, cspViolations, pageErrors, shot } from './browser';
import { addDays, danish, startE2e, type Caseworker, type CaseworkerOptions, type E2eEnv, type OrgId } from './harness';

type Cast = Record<string, OrgId | readonly [OrgId, CaseworkerOptions]>;
export type E2eSuite<C extends Cast> = { readonly env: E2eEnv } & { readonly [K in keyof C]: Caseworker };

/**
 * The test file's world: before its tests, empties test-results/<scenario>/, starts the sandbox and
 * Chromium, and the caseworkers named (in parallel); after them, closes everything. Read the fields
 * inside tests and hooks.
 *
 *   const suite = e2eSuite(SCENARIO, { akasse: 'akasse-067', jobcenter: ['jobcenter-10100', { page: false }] });
 *   it('…', async () => { const { env, akasse } = suite; … });
 */
export function e2eSuite<const C extends Cast>(scenario: string, cast: C): E2eSuite<C> {
  let env: E2eEnv | undefined;
  const started = new Map<string, Caseworker>();
  beforeAll(async () => {
    clearShots(scenario);
    const e = (env = await startE2e());
    const names = Object.keys(cast);
    const cws = await Promise.all(names.map((n) => {
      const who = cast[n]!;
      return typeof who === 'string' ? e.caseworker(who) : e.caseworker(who[0], who[1]);
    }));
    names.forEach((n, i) => started.set(n, cws[i]!));
  });
  afterAll(async () => {
    await env?.close();
  });
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`e2eSuite: ${what} is not started (use it inside tests or hooks)`);
    return v;
  };
  const suite = {};
  Object.defineProperty(suite, 'env', { get: () => need(env, 'the environment') });
  for (const n of Object.keys(cast)) Object.defineProperty(suite, n, { get: () => need(started.get(n), n) });
  return suite as E2eSuite<C>;
}

/** When the running test fails: a screenshot of each page, named by its key. */
export function shotsOnFailure(scenario: string, pages: Record<string, Page>): void {
  onTestFailed(async () => {
    for (const [step, page] of Object.entries(pages)) await shot(page, scenario, step);
  });
}

/**
 * How a scenario ends: no console or page error and no CSP violation on the pages, and no unexpected
 * dispatcher failure in the caseworkers' cores.
 */
export async function expectNoErrors(pages: readonly Page[], caseworkers: readonly Caseworker[] = []): Promise<void> {
  for (const page of pages) {
    expect(pageErrors(page)).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
  }
  expect(caseworkers.flatMap((c) => c.internalErrors)).toEqual([]);
}

/** A registered KG1 member of a-kasse 067 attached to jobcenter 10100: both sides of a type 11 thread. */
export function registeredMember(env: E2eEnv): SampleCitizen {
  return env.citizen('akasse-067', (c) => c.contactGroup === 1 && c.registrationCategory !== null && c.jobcenterCode === '10100', 'registered KG1 member attached to 10100');
}

/** DFDG called directly by the organisation's own system (its sandbox certificate), not through the app. */
export async function asOrganisation<T>(env: E2eEnv, orgId: OrgId, call: (clients: DfdgClients, ctx: CallContext) => Promise<T>): Promise<T> {
  const clients = clientsFor(env.sb, orgId);
  try {
    return await call(clients, ctxFor(env.sb, orgId));
  } finally {
    clients.close();
  }
}

/** The sandbox's counts summed over the operations (`Service.Operation`) whose name matches. */
export function opCounts(stats: SandboxStats, name: RegExp): OpCounts {
  const sum: OpCounts = { requests: 0, applied: 0, rejected: 0, faulted: 0, abandoned: 0 };
  for (const [op, counts] of Object.entries(stats.operations)) {
    if (!name.test(op)) continue;
    for (const k of Object.keys(sum) as (keyof OpCounts)[]) sum[k] += counts[k];
  }
  return sum;
}

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

/**
 * On the Fravær tab: Registrér fravær, then the period, the notification date (when given) and the
 * type. Leaves the form open (not saved); returns it.
 */
export async function fillAbsence(page: Page, a: { start: string; end: string; notified?: string; type: string }): Promise<Locator> {
  await page.getByRole('button', { name: 'Registrér fravær' }).click();
  const form = page.getByRole('form', { name: 'Registrér fravær' });
  await form.getByLabel(/^Startdato/).fill(danish(a.start));
  await form.getByLabel(/^Slutdato/).fill(danish(a.end));
  if (a.notified) await form.getByLabel(/^Anmeldelsesdato/).fill(danish(a.notified));
  await form.getByLabel('Fraværstype').selectOption(a.type);
  return form;
}

/** The outbox screen with nothing left to send. */
export async function expectOutboxEmpty(page: Page): Promise<void> {
  await go(page, 'Udbakke');
  await shown(page.getByText('Udbakken er tom. Alt er sendt.'), 20_000);
}
