// Hardening in the browser: text from DFDG that looks like HTML or script stays literal text (sent
// through the sandbox by the other organisation's own system, which DFDG accepts in a subject); the
// renderer gets the shell's CSP and it holds (no inline script, no inline handler, no eval, no
// connection to anywhere else), reported as securitypolicyviolation events; normal use raises none and
// logs no console error.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { RENDERER_CSP } from '../../main/core/ipc/origin';
import { cspViolations, shot } from './browser';
import { asOrganisation, e2eSuite, expectNoErrors, findAndOpenCitizen, go, hasText, lit, shotsOnFailure, shown } from './flows';

const SCENARIO = 'hardening';
// DFDG refuses HTML tags in a body (4933), not in a subject; a body can still carry markup-like text.
const SUBJECT = 'Møde <img src=x onerror="globalThis.__xss=1"> <script>globalThis.__xss=2</script> <b>vigtigt</b>';
const BODY = 'Se vedlagte &lt;script&gt;globalThis.__xss=3&lt;/script&gt; og &amp;-tegn.\nHvis 3 < 5 og 7 > 2, så ring.\n\nMed venlig hilsen\nJobcentret';

const suite = e2eSuite(SCENARIO, { akasse: 'akasse-067' });

const g = <T>(page: Page, name: string) => page.evaluate((n) => (globalThis as unknown as Record<string, unknown>)[n], name) as Promise<T>;

describe('browser hardening', () => {
  it('shows a message with HTML and script from the other organisation as literal text', async () => {
    const { env, akasse } = suite;
    const page = akasse.page;
    shotsOnFailure(SCENARIO, { failure: page });
    const member = env.citizen('akasse-067', (c) => c.contactGroup === 1 && c.jobcenterCode === '10100', 'KG1 member attached to 10100');

    // The jobcenter's own system writes to the a-kasse through DFDG (not through our app, whose rules refuse it).
    await asOrganisation(env, 'jobcenter-10100', (jc, ctx) =>
      jc.citizenMessage.createMessage(ctx, {
        cpr: member.cpr,
        contextType: 1,
        channel: 4,
        subject: SUBJECT,
        body: BODY,
        allowReply: true,
        responseToId: null,
        to: { organisationType: 2, organisationCode: '067' },
        documents: [],
      }),
    );

    // The a-kasse's poller turns it into an advisory; the caseworker opens the citizen's thread.
    await go(page, 'Indbakke');
    const advisory = page.getByRole('listbox', { name: "Advis'er" }).getByRole('option').filter({ hasText: 'Besked modtaget' });
    await shown(advisory, 20_000);
    await findAndOpenCitizen(page, member.cpr, member.name);
    const option = page.getByRole('listbox', { name: 'Tråde' }).getByRole('option', { name: lit('<b>vigtigt</b>') });
    await option.click();
    const thread = page.getByRole('article', { name: SUBJECT });
    await hasText(thread, 'Hvis 3 < 5 og 7 > 2, så ring.');
    await shot(page, SCENARIO, '01-literal-html');

    expect(await thread.getByRole('heading', { level: 3 }).textContent()).toBe(SUBJECT);
    expect(await option.locator('.thread-subject').textContent()).toBe(SUBJECT);
    const body = thread.locator('.message-body').last();
    expect(await body.textContent()).toBe(BODY);
    // Nothing was parsed as markup: no element came from the text, no handler or script ran.
    expect(await thread.locator('img, script, b').count()).toBe(0);
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await g(page, '__xss')).toBeUndefined();

    await expectNoErrors([page], [akasse]);
  });

  it('serves the shell’s CSP, and it holds: no inline script or handler, no eval, no other origin', async () => {
    const { akasse } = suite;
    const probe = await akasse.newPage();
    shotsOnFailure(SCENARIO, { 'failure-csp': probe });
    const res = await probe.request.get(`${akasse.server.origin}/`);
    expect(res.headers()['content-security-policy']).toBe(RENDERER_CSP);
    await shown(probe.getByRole('searchbox', { name: 'CPR-nummer eller navn' }));
    expect(await cspViolations(probe)).toEqual([]); // the app itself needs nothing the policy forbids

    const outcome = await probe.evaluate(async () => {
      const w = globalThis as unknown as Record<string, unknown> & {
        document: {
          createElement(t: string): { textContent: string; setAttribute(k: string, v: string): void; click(): void; remove(): void; src: string; onerror: unknown; onload: unknown };
          body: { append(n: unknown): void };
        };
      };
      const doc = w.document;
      const s = doc.createElement('script');
      s.textContent = 'globalThis.__inline = 1';
      doc.body.append(s);
      const d = doc.createElement('div');
      d.setAttribute('onclick', 'globalThis.__handler = 1');
      doc.body.append(d);
      d.click();
      d.remove();
      // DevTools' own evaluation may eval; a later task of the page may not (CDP lifts the check only
      // for the duration of its call), so try it from a timer.
      const evalBlocked = await new Promise<boolean>((resolve) =>
        setTimeout(() => {
          try {
            (0, eval)('globalThis.__eval = 1');
            resolve(false);
          } catch {
            resolve(true);
          }
        }, 0),
      );
      let fetchBlocked = false;
      try {
        await fetch('https://example.invalid/steal');
      } catch {
        fetchBlocked = true;
      }
      const ext = doc.createElement('script');
      ext.src = 'https://example.invalid/x.js';
      // A script the CSP blocks fires 'error' (never 'load'): wait for that, not for a while.
      const loaded = new Promise((r) => {
        ext.onerror = r;
        ext.onload = r;
      });
      doc.body.append(ext);
      await loaded;
      return { inline: w.__inline ?? null, handler: w.__handler ?? null, evaled: w.__eval ?? null, evalBlocked, fetchBlocked };
    });
    expect(outcome).toEqual({ inline: null, handler: null, evaled: null, evalBlocked: true, fetchBlocked: true });
    await expect.poll(async () => (await cspViolations(probe)).map((v) => v.split(' ')[0]).sort()).toEqual(
      ['connect-src', 'script-src', 'script-src-attr', 'script-src-elem', 'script-src-elem'].sort(),
    );
    await probe.context().close();
  });
});
