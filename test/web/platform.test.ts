// Where browser mode keeps its data (Electron's userData on each OS), when it can open a window, how
// it opens one, and which browser it finds, for Linux, macOS and Windows on any machine.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findSystemChromium } from '../../main/web/browsers';
import { appWindowCommand, defaultBrowserCommand, defaultDataDir, hasDisplay, PRODUCT_NAME } from '../../main/web/platform';

describe('browser mode: data directory', () => {
  it('is Electron’s userData for the app on every OS (named after package.json’s productName)', () => {
    expect(PRODUCT_NAME).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { productName: string }).productName);
    expect(defaultDataDir('linux', {}, '/home/mette')).toBe('/home/mette/.config/DFDG Desk');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/srv/cfg' }, '/home/mette')).toBe('/srv/cfg/DFDG Desk');
    expect(defaultDataDir('darwin', {}, '/Users/mette')).toBe('/Users/mette/Library/Application Support/DFDG Desk');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\mette\\AppData\\Roaming' }, 'C:\\Users\\mette')).toBe('C:\\Users\\mette\\AppData\\Roaming\\DFDG Desk');
  });
});

describe('browser mode: display and window', () => {
  it('needs X11 or Wayland on Linux; on macOS not over SSH', () => {
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay('darwin', {})).toBe(true);
    expect(hasDisplay('darwin', { SSH_CONNECTION: '10.0.0.1 22 10.0.0.2 50000' })).toBe(false);
    expect(hasDisplay('win32', {})).toBe(true);
  });

  it('opens an app window with its own profile (no sandbox switch unless root), else the default browser', () => {
    const app = appWindowCommand('/usr/bin/chromium', 'file:///d/browser-mode/open.html', '/d/browser-profile');
    expect(app).toEqual({
      command: '/usr/bin/chromium',
      kind: 'app',
      args: ['--app=file:///d/browser-mode/open.html', '--user-data-dir=/d/browser-profile', '--no-first-run', '--no-default-browser-check', '--window-size=1366,900'],
    });
    expect(appWindowCommand('/usr/bin/chromium', 'x', 'p', true).args).toContain('--no-sandbox');
    expect(defaultBrowserCommand('/d/open.html', 'linux')).toEqual({ command: 'xdg-open', args: ['/d/open.html'], kind: 'default' });
    expect(defaultBrowserCommand('/d/open.html', 'darwin')).toEqual({ command: 'open', args: ['/d/open.html'], kind: 'default' });
    expect(defaultBrowserCommand('C:\\d\\open.html', 'win32')).toEqual({ command: 'cmd', args: ['/c', 'start', '""', 'C:\\d\\open.html'], kind: 'default' });
  });
});

describe('finding a Chromium-family browser', () => {
  const only = (...paths: string[]) => (p: string) => paths.includes(p);

  it('CHROMIUM_PATH first, then by name on PATH, then the usual install places', () => {
    const exists = only('/opt/my/chrome', '/usr/local/sbin/chromium', '/usr/bin/google-chrome');
    expect(findSystemChromium({ platform: 'linux', env: { CHROMIUM_PATH: '/opt/my/chrome', PATH: '/usr/local/sbin' }, exists })).toEqual({ path: '/opt/my/chrome', source: 'CHROMIUM_PATH' });
    expect(findSystemChromium({ platform: 'linux', env: { PATH: '/usr/local/sbin:/usr/bin' }, exists })).toEqual({ path: '/usr/local/sbin/chromium', source: 'PATH' });
    expect(findSystemChromium({ platform: 'linux', env: { PATH: '/nowhere' }, exists })).toEqual({ path: '/usr/bin/google-chrome', source: 'install' });
    // A CHROMIUM_PATH that points at nothing is passed over.
    expect(findSystemChromium({ platform: 'linux', env: { CHROMIUM_PATH: '/gone', PATH: '' }, exists })?.path).toBe('/usr/bin/google-chrome');
    expect(findSystemChromium({ platform: 'linux', env: { PATH: '' }, exists: only() })).toBeNull();
  });

  it('knows where Chrome, Chromium and Edge live on macOS and Windows', () => {
    expect(findSystemChromium({ platform: 'darwin', env: {}, home: '/Users/m', exists: only('/Users/m/Applications/Chromium.app/Contents/MacOS/Chromium') })?.path).toBe(
      '/Users/m/Applications/Chromium.app/Contents/MacOS/Chromium',
    );
    expect(findSystemChromium({ platform: 'darwin', env: {}, home: '/Users/m', exists: only('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome') })?.source).toBe('install');
    const win = { LOCALAPPDATA: 'C:\\Users\\m\\AppData\\Local', PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', PATH: 'C:\\Windows' };
    expect(findSystemChromium({ platform: 'win32', env: win, exists: only('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe') })?.path).toBe(
      'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    );
    expect(findSystemChromium({ platform: 'win32', env: win, exists: only('C:\\Users\\m\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe') })?.path).toBe(
      'C:\\Users\\m\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
    );
    expect(findSystemChromium({ platform: 'win32', env: { ...win, PATH: 'C:\\tools' }, exists: only('C:\\tools\\chrome.exe') })).toEqual({ path: 'C:\\tools\\chrome.exe', source: 'PATH' });
  });
});
