import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  RENDERER_CSP,
  isPathInsideDir,
  isSafeExternalUrl,
  isTrustedSender,
  isTrustedSenderFrame,
  resolveAppFile,
} from '../../../main/core/ipc';

const mainFrame = (url: string) => ({ url, parent: null });

describe('sender check (validatedIpcMain)', () => {
  it('trusts the main frame of the app origin', () => {
    expect(isTrustedSenderFrame(mainFrame(APP_ENTRY_URL))).toBe(true);
    expect(isTrustedSenderFrame(mainFrame('app://desk/'))).toBe(true);
    expect(isTrustedSenderFrame(mainFrame('app://desk/index.html#/borger'))).toBe(true);
  });

  it('refuses subframes, even of the app origin', () => {
    expect(isTrustedSenderFrame({ url: APP_ENTRY_URL, parent: mainFrame(APP_ENTRY_URL) })).toBe(false);
    expect(isTrustedSenderFrame({ url: APP_ENTRY_URL, parent: undefined })).toBe(false);
  });

  it('refuses other origins, including look-alikes that fool startsWith', () => {
    for (const url of [
      'https://evil.example/',
      'file:///work/out/renderer/index.html',
      'app://evil/index.html',
      'app://desk.evil.example/index.html',
      'app://desk:8080/index.html',
      'app://user:pw@desk/index.html',
      'app://desk@evil/index.html',
      'http://desk/index.html',
      'about:blank',
      'devtools://devtools/bundled/index.html',
      'data:text/html,<script>1</script>',
      '',
      'not a url',
    ]) {
      expect(isTrustedSenderFrame(mainFrame(url)), url).toBe(false);
    }
  });

  it('refuses a missing or destroyed frame', () => {
    expect(isTrustedSenderFrame(null)).toBe(false);
    expect(isTrustedSenderFrame(undefined)).toBe(false);
    const destroyed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    expect(isTrustedSenderFrame(destroyed)).toBe(false);
    expect(isTrustedSender({ senderFrame: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });

  it("with the window's webContents id, refuses any other webContents", () => {
    expect(isTrustedSender({ senderFrame: mainFrame(APP_ENTRY_URL), sender: { id: 7 } }, 7)).toBe(true);
    expect(isTrustedSender({ senderFrame: mainFrame(APP_ENTRY_URL), sender: { id: 8 } }, 7)).toBe(false);
    expect(isTrustedSender({ senderFrame: mainFrame(APP_ENTRY_URL) }, 7)).toBe(false);
  });
});

describe('app:// file resolution', () => {
  const root = join('/opt', 'dfdg', 'renderer');

  it('serves index.html for the root and files inside the renderer directory with their type', () => {
    expect(resolveAppFile('app://desk/', root)).toEqual({ ok: true, file: join(root, 'index.html'), mimeType: 'text/html; charset=utf-8' });
    expect(resolveAppFile('app://desk/assets/index-abc.js?v=1', root)).toEqual({ ok: true, file: join(root, 'assets', 'index-abc.js'), mimeType: 'text/javascript; charset=utf-8' });
    expect(resolveAppFile('app://desk/assets/pdf.worker.min.mjs', root)).toMatchObject({ ok: true });
  });

  it('refuses every way out of the renderer directory', () => {
    for (const url of [
      'app://desk/../../etc/passwd',
      'app://desk/%2e%2e/%2e%2e/etc/passwd',
      'app://desk/assets/%2e%2e%2f%2e%2e%2f..%2fetc%2fpasswd',
      'app://desk/..%5c..%5cwindows%5cwin.ini',
      'app://desk/%2fetc%2fpasswd',
      'app://desk//etc/passwd',
    ]) {
      const r = resolveAppFile(url, root);
      if (r.ok) expect(isPathInsideDir(root, r.file), url).toBe(true);
      else expect([400, 403, 404], url).toContain(r.status);
    }
    // The URL parser does not normalise encoded slashes: only the path guard stops this one.
    expect(resolveAppFile('app://desk/assets/..%2f..%2f..%2fetc%2fpasswd.html', root)).toEqual({ ok: false, status: 403 });
  });

  it('refuses other hosts, NUL bytes, broken escapes and unknown file types', () => {
    expect(resolveAppFile('app://other/index.html', root)).toEqual({ ok: false, status: 403 });
    expect(resolveAppFile('app://desk/index.html%00.png', root)).toEqual({ ok: false, status: 400 });
    expect(resolveAppFile('app://desk/%E0%A4%A', root)).toEqual({ ok: false, status: 400 });
    expect(resolveAppFile('app://desk/secrets.p12', root)).toEqual({ ok: false, status: 404 });
  });

  it('isPathInsideDir handles siblings with a shared prefix', () => {
    expect(isPathInsideDir('/a/renderer', '/a/renderer/x.js')).toBe(true);
    expect(isPathInsideDir('/a/renderer', '/a/renderer-evil/x.js')).toBe(false);
    expect(isPathInsideDir('/a/renderer', '/a/renderer/../main/index.js')).toBe(false);
  });
});

describe('external links and CSP', () => {
  it('lets only plain https links go to the system browser', () => {
    expect(isSafeExternalUrl('https://www.star.dk/da/')).toBe(true);
    for (const url of ['http://star.dk', 'javascript:alert(1)', 'file:///etc/passwd', 'app://desk/index.html', 'smb://server/share', 'https://user:pw@star.dk', 'mailto:x@y.dk', 'nonsense']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('the renderer CSP (sent by the shell and by browser mode, test/web/server.test.ts) is strict', () => {
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"]) {
      expect(RENDERER_CSP).toContain(directive);
    }
    expect(RENDERER_CSP).not.toMatch(/unsafe-(inline|eval)/);
  });
});
