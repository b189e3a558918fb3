// Which Chromium the e2e tests drive: CHROMIUM_PATH, a system one, else the one npm ships (Linux x64);
// elsewhere one sentence saying what to install. And the npm one renders Danish letters with the
// fonts it ships, in a fresh page through playwright-core.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from './browser';
import { findChromium, NoChromium } from './chromium';

const none = () => false;

describe('resolving Chromium for the e2e tests', () => {
  it('names what to install where npm ships no Chromium (macOS, Windows, Linux arm64), without a stack trace', async () => {
    for (const [platform, arch] of [['darwin', 'arm64'], ['win32', 'x64'], ['linux', 'arm64']] as const) {
      const err = await findChromium({ platform, arch, env: { PATH: '' }, exists: none }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NoChromium);
      expect((err as Error).message).toBe(
        `No Chromium for the end-to-end tests on ${platform}/${arch}: install Google Chrome or Chromium (or set CHROMIUM_PATH to one); the Chromium bundled through npm (@sparticuz/chromium) exists for Linux x64 only.`,
      );
      expect((err as Error).stack).toBe(`NoChromium: ${(err as Error).message}`);
    }
  });

  it('CHROMIUM_PATH must point at an executable; a system browser comes before the bundled one', async () => {
    await expect(findChromium({ platform: 'linux', arch: 'x64', env: { CHROMIUM_PATH: '/no/such/chrome' }, exists: none })).rejects.toThrow(
      'CHROMIUM_PATH is set to /no/such/chrome, which is not an executable file: point it at Chromium or Chrome, or unset it.',
    );
    expect(await findChromium({ platform: 'darwin', arch: 'arm64', env: {}, exists: (p) => p === '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome' })).toEqual({
      executablePath: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      env: {},
      source: 'install',
    });
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')('on Linux x64 without a system browser: the npm one, unpacked once, rendering æøå with its own fonts', async () => {
    const found = await findChromium({ platform: 'linux', arch: 'x64', env: { PATH: '' }, exists: none });
    expect(found.source).toBe('@sparticuz/chromium');
    expect(found.executablePath).toMatch(/node_modules\/\.cache\/dfdg-desk\/chromium-[\d.]+\/chromium$/);
    const fontsConf = found.env.FONTCONFIG_FILE!;
    expect(existsSync(fontsConf)).toBe(true);
    // A machine without any system font (no fonts-dejavu-core): only the fonts the npm package ships.
    const bare = mkdtempSync(join(tmpdir(), 'dfdg-fonts-'));
    const bareConf = join(bare, 'fonts.conf');
    writeFileSync(bareConf, `<?xml version="1.0"?>\n<fontconfig><dir>${join(dirname(fontsConf), 'fonts')}</dir><cachedir>${join(bare, 'cache')}</cachedir></fontconfig>\n`);
    try {
      for (const [conf, family] of [[fontsConf, null], [bareConf, 'Open Sans']] as const) {
        const browser = await chromium.launch({ executablePath: found.executablePath, env: { ...process.env, ...found.env, FONTCONFIG_FILE: conf } as Record<string, string>, args: CHROMIUM_ARGS });
        try {
          const page = await browser.newPage();
          const text = 'Ærø Åbenrå æøå';
          await page.setContent(`<p id="t" style="font: 32px sans-serif">${text}</p>`);
          // Which fonts Chromium drew the text with, and how many glyphs each gave: every letter has one.
          const cdp = await page.context().newCDPSession(page);
          const { root } = await cdp.send('DOM.getDocument');
          const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#t' });
          await cdp.send('CSS.enable');
          const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
          expect(fonts.reduce((n, f) => n + f.glyphCount, 0)).toBe([...text].length);
          if (family) expect(fonts.map((f) => f.familyName)).toEqual([family]);
        } finally {
          await browser.close();
        }
      }
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
