// `npm run screenshots`: the app as an a-kasse caseworker and a jobcenter consultant see it, without
// Electron. Builds, seeds a fresh data directory's bundled sandbox with a little traffic between the
// two organisations (sent by their own systems straight to DFDG, as in real life), starts browser
// mode on it (main/web: the product's own boot, RuntimeManager and server), and walks the main screens
// in Chromium at 1366 × 900: search, the citizen page with each tab (and the Møder and Min plan forms),
// inbox, outbox, settings. The
// jobcenter is reached the way a caseworker switches: Indstillinger → "Sandboxen arbejder som".
// PNGs go to screenshots/<organisation>/ (git-ignored); the data directory is removed afterwards.
//
//   npm run screenshots [-- --keep]     (--keep: leave the data directory for a look with start:web)

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { startBrowserMode } from '../main/web/app';
import { buildApp } from '../main/web/start';
import { startSandbox } from '../sandbox/server';
import { formatCpr } from '../shared/cpr';
import { clientsFor, ctxFor, readSample, type SampleCitizen } from '../test/contract/helpers';
import { CHROMIUM_ARGS } from '../test/e2e/browser';
import { resolveChromium } from '../test/e2e/chromium';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'screenshots');
const keep = process.argv.includes('--keep');
const log = (line: string) => process.stdout.write(`[screenshots] ${line}\n`);

async function main(): Promise<void> {
  if (!buildApp()) process.exit(1);
  rmSync(OUT, { recursive: true, force: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'dfdg-screenshots-'));
  const members = await seed(join(dataDir, 'sandbox'));
  const mode = await startBrowserMode({ dataDir, rendererDir: join(ROOT, 'out', 'renderer') });
  const found = await resolveChromium();
  const browser = await chromium.launch({ executablePath: found.executablePath, env: { ...process.env, ...found.env } as Record<string, string>, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen', viewport: { width: 1366, height: 900 } });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await page.goto(mode.server.url);
    await walk(page, 'akasse-067', members.akasse);
    await switchOrganisation(page, 'Jobcenter 10100');
    await walk(page, 'jobcenter-10100', members.jobcenter);
    await context.close();
  } finally {
    await browser.close();
    await mode.close();
    if (keep) log(`data kept in ${dataDir} (npm run start:web -- --data-dir ${dataDir})`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
  log(`done: ${OUT}`);
}

/**
 * The bundled sandbox (as browser mode will start it: same directory, default population), with
 * type 11 recommendations from a-kasse 067 to jobcenter 10100 and messages the other way.
 */
async function seed(sandboxDir: string): Promise<{ akasse: SampleCitizen; jobcenter: SampleCitizen }> {
  const sb = await startSandbox({ dataDir: sandboxDir, port: 0 });
  try {
    const sample = readSample(sandboxDir);
    const shared = sample.organisations.find((o) => o.id === 'akasse-067')!.visible.filter((c) => c.contactGroup === 1 && c.jobcenterCode === '10100').slice(0, 4);
    if (shared.length < 2) throw new Error('the sandbox population has too few members shared by 067 and 10100');
    const ak = clientsFor(sb, 'akasse-067');
    const jc = clientsFor(sb, 'jobcenter-10100');
    try {
      for (const [i, c] of shared.entries()) {
        await ak.citizenMessage.createMessage(ctxFor(sb, 'akasse-067'), {
          cpr: c.cpr,
          contextType: 11,
          channel: 4,
          subject: i % 2 ? 'Indstilling om virksomhedspraktik hos Bager Hansen ApS' : 'Indstilling om løntilskud i 26 uger',
          body: 'A-kassen indstiller til tilbud. Begrundelse: medlemmet har erfaring fra branchen og ønsker at komme tilbage.',
          allowReply: true,
          responseToId: null,
          to: { organisationType: 8, organisationCode: '10100' },
          documents: [],
        });
        await jc.citizenMessage.createMessage(ctxFor(sb, 'jobcenter-10100'), {
          cpr: c.cpr,
          contextType: 1,
          channel: 4,
          subject: i % 2 ? 'Samtale om jobplan flyttet til næste uge' : 'Orientering om ændret kontaktforløb',
          body: 'Jobcentret orienterer a-kassen. Med venlig hilsen\nJobcentret',
          allowReply: true,
          responseToId: null,
          to: { organisationType: 2, organisationCode: '067' },
          documents: [],
        });
      }
    } finally {
      ak.close();
      jc.close();
    }
    log(`sandbox seeded: ${shared.length} recommendations to 10100, ${shared.length} messages to 067`);
    return { akasse: shared[0]!, jobcenter: shared[1]! };
  } finally {
    await sb.close();
  }
}

async function walk(page: Page, who: string, citizen: SampleCitizen): Promise<void> {
  const dir = join(OUT, who);
  mkdirSync(dir, { recursive: true });
  let n = 0;
  const shot = async (name: string) => {
    // Two frames: what was just rendered is painted.
    await page.evaluate(() => {
      const raf = (globalThis as unknown as { requestAnimationFrame(cb: () => void): number }).requestAnimationFrame;
      return new Promise<void>((r) => raf(() => raf(() => r())));
    });
    const file = join(dir, `${String(++n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    log(file.slice(ROOT.length + 1));
  };
  const nav = (item: string) => page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('button', { name: new RegExp(`^${item}`) }).click();

  // A CPR number is looked up at DFDG (names are searched in what this desk has cached).
  await nav('Søg borger');
  const search = page.getByRole('searchbox', { name: 'CPR-nummer eller navn' });
  await search.fill(formatCpr(citizen.cpr));
  const result = page.getByRole('list', { name: 'Søgeresultater' }).getByRole('button', { name: new RegExp(citizen.name) });
  await result.waitFor();
  await shot('search');
  await result.click();
  await page.getByRole('heading', { level: 1, name: citizen.name }).waitFor();
  const tabs = { Dialog: 'dialog', Fravær: 'fravaer', 'Min plan': 'plan', Møder: 'moeder', Joblog: 'joblog' };
  for (const [tab, slug] of Object.entries(tabs)) {
    await page.getByRole('tablist', { name: 'Borgerens oplysninger' }).getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
    await page.getByRole('tab', { name: new RegExp(`^${tab}`), selected: true }).waitFor();
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await shot(`citizen-${slug}`);
    // The forms that put a command in the outbox, opened empty (nothing is sent).
    const form = slug === 'moeder' ? page.getByRole('button', { name: 'Ny indkaldelse' }) : slug === 'plan' ? page.getByRole('button', { name: /^Afslut / }).first() : null;
    if (form && (await form.count()) > 0) {
      await form.click();
      await page.getByRole('form').first().waitFor();
      await shot(`citizen-${slug}-form`);
      await page.getByRole('form').first().getByRole('button', { name: 'Annullér' }).click();
    }
  }

  await nav('Indbakke');
  // With the sandbox organisation's hub up, the Indbakke is the team's queue (its advisories come as
  // the hub pulls the sandbox); without it, this desktop's own advisories.
  const list = page.getByRole('listbox', { name: /^(Advis'er|Teamets opgaver)$/ });
  await list.getByRole('option').first().waitFor({ timeout: 60_000 });
  await shot('inbox');
  await list.getByRole('option').first().click();
  await shot('inbox-selected');

  await nav('Udbakke');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await shot('outbox');

  await nav('Indstillinger');
  await page.getByRole('heading', { name: 'Forbindelse og program' }).waitFor();
  await shot('settings');
}

/** Indstillinger → "Sandboxen arbejder som" → Gem: the core is rebuilt and the page reloads as the new organisation. */
async function switchOrganisation(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('button', { name: /^Indstillinger/ }).click();
  await page.getByLabel('Sandboxen arbejder som').selectOption({ label });
  await page.getByRole('button', { name: 'Gem indstillinger' }).click();
  const code = /\d+$/.exec(label)![0];
  await page.getByLabel('Du arbejder som').filter({ hasText: new RegExp(`\\(${code}\\)`) }).waitFor({ timeout: 30_000 });
  log(`switched to ${label}`);
}

void main().catch((err: unknown) => {
  process.stderr.write(`[screenshots] failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
