// Chromium driven by playwright-core (never `npx playwright install`): the one test/e2e/chromium.ts
// resolves (CHROMIUM_PATH, a system Chromium/Chrome, else the one npm ships). Pages open browser
// mode's own address (main/web/server.ts): its bridge script, its key, its checks.

import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { WebServer } from '../../main/web/server';
import { resolveChromium } from './chromium';

export const RESULTS_DIR = join(process.cwd(), 'test-results');

/** Flags that work with chrome-headless-shell (the npm build) and with a system Chrome/Chromium alike. */
export const CHROMIUM_ARGS = ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchChromium(): Promise<Browser> {
  const c = await resolveChromium();
  return chromium.launch({ executablePath: c.executablePath, headless: true, env: { ...process.env, ...c.env } as Record<string, string>, args: CHROMIUM_ARGS });
}

/** A fresh browser context (Danish locale, Copenhagen time) on browser mode's address: the app as a caseworker opens it. */
export async function openApp(browser: Browser, server: Pick<WebServer, 'url'>, opts: { width?: number; height?: number } = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: 'da-DK',
    timezoneId: 'Europe/Copenhagen',
    viewport: { width: opts.width ?? 1366, height: opts.height ?? 900 },
  });
  await context.addInitScript(watchCsp);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  (page as Page & { __errors?: string[] }).__errors = errors;
  await page.goto(server.url);
  return page;
}

export function pageErrors(page: Page): string[] {
  return (page as Page & { __errors?: string[] }).__errors ?? [];
}

/**
 * Records every `securitypolicyviolation` in the page (an init script: it runs before the app's own
 * code and is not subject to the page's CSP). Read with cspViolations(page).
 */
export function watchCsp(): void {
  const seen: string[] = [];
  Object.defineProperty(globalThis, '__e2eCspViolations', { value: seen, enumerable: false });
  type Violation = { effectiveDirective: string; blockedURI: string; sourceFile: string; lineNumber: number };
  const doc = (globalThis as unknown as { document: { addEventListener(type: string, l: (e: Violation) => void): void } }).document;
  doc.addEventListener('securitypolicyviolation', (e) => {
    seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile || '?'}:${e.lineNumber}`);
  });
}

/** The CSP violations the page has reported since it loaded. */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((globalThis as unknown as { __e2eCspViolations?: string[] }).__e2eCspViolations ?? [])]);
}

/** Empties test-results/<scenario>/ so a run leaves only its own screenshots. */
export function clearShots(scenario: string): void {
  rmSync(join(RESULTS_DIR, scenario), { recursive: true, force: true });
}

export async function shot(page: Page, scenario: string, step: string): Promise<string> {
  const dir = join(RESULTS_DIR, scenario);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${step}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core in the page (page.evaluate is not subject to the page's CSP) and returns serious/critical findings. */
export async function axeScan(page: Page): Promise<AxeFinding[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
