import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RENDERER_CSP } from '../../main/core/ipc/origin';
import { FakeWebContents, fakeEvent } from './fakes';

vi.mock('electron', async () => {
  const fakes = await import('./fakes');
  return { BrowserWindow: fakes.FakeBrowserWindow };
});

const { installAppSecurity, onCertificateError, onSelectClientCertificate } = await import('../../main/appSecurity');
const { registerAppScheme, serveAppRequest, handleAppProtocol } = await import('../../main/protocol');

describe('app-wide security', () => {
  it('never bypasses a certificate error: answers "not trusted" and leaves the default (reject) in place', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const e = fakeEvent();
    const callback = vi.fn();
    onCertificateError(e as never, {} as never, 'https://dfdg.example/x', 'net::ERR_CERT_AUTHORITY_INVALID', {}, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    expect(e.defaultPrevented).toBe(false);
  });

  it('handles select-client-certificate explicitly and presents no certificate (never the first one silently)', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const e = fakeEvent();
    const callback = vi.fn();
    onSelectClientCertificate(e as never, null, 'https://dfdg.example/', [{ subjectName: 'A' }, { subjectName: 'B' }], callback);
    expect(e.defaultPrevented).toBe(true);
    expect(callback).toHaveBeenCalledExactlyOnceWith();
  });

  it('installs the rules on the app: every new web contents is hardened, logins are not answered', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const app = new EventEmitter();
    const opened: string[] = [];
    installAppSecurity(app as never, (u) => opened.push(u));

    const wc = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), wc);
    expect(wc.windowOpenHandler!({ url: 'https://star.dk/' })).toEqual({ action: 'deny' });
    const nav = fakeEvent({ url: 'https://evil.example/' });
    wc.emit('will-navigate', nav);
    expect(nav.defaultPrevented).toBe(true);

    const certCb = vi.fn();
    app.emit('certificate-error', fakeEvent(), wc, 'https://x/', 'ERR', {}, certCb);
    expect(certCb).toHaveBeenCalledWith(false);
    const selectEvent = fakeEvent();
    const selectCb = vi.fn();
    app.emit('select-client-certificate', selectEvent, wc, 'https://x/', [{}], selectCb);
    expect(selectEvent.defaultPrevented).toBe(true);
    expect(selectCb).toHaveBeenCalledWith();
    const login = fakeEvent();
    const loginCb = vi.fn();
    app.emit('login', login, wc, {}, { isProxy: true }, loginCb);
    expect(login.defaultPrevented).toBe(true);
    expect(loginCb).toHaveBeenCalledWith();
  });
});

describe('app:// protocol', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'dfdg-renderer-'));
    mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>DFDG Desk</title>');
    writeFileSync(join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.json'), '{"key":"x"}');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const dir = () => join(root, 'renderer');

  it('registers app:// as a standard, secure scheme before ready', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });

  it('serves the renderer with the strict CSP header on every response', async () => {
    const res = await serveAppRequest({ url: 'app://desk/', method: 'GET' }, dir());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('DFDG Desk');
    const js = await serveAppRequest({ url: 'app://desk/assets/app.js', method: 'GET' }, dir());
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    const missing = await serveAppRequest({ url: 'app://desk/assets/none.js', method: 'GET' }, dir());
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(RENDERER_CSP);
  });

  it('never serves a file outside the renderer directory', async () => {
    for (const url of ['app://desk/..%2fsecret.json', 'app://desk/%2e%2e/secret.json', 'app://desk/assets/..%2f..%2fsecret.json', 'app://other/index.html']) {
      const res = await serveAppRequest({ url, method: 'GET' }, dir());
      expect(res.status, url).not.toBe(200);
      expect(await res.text()).not.toContain('key');
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await serveAppRequest({ url: 'app://desk/index.html', method: 'HEAD' }, dir());
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await serveAppRequest({ url: 'app://desk/index.html', method: 'POST' }, dir())).status).toBe(405);
  });

  it('handleAppProtocol wires the handler to the app scheme', async () => {
    let handler: ((r: { url: string; method: string }) => Promise<Response>) | null = null;
    handleAppProtocol({ handle: (scheme: string, h: never) => ((handler = h), expect(scheme).toBe('app')) } as never, dir());
    expect((await handler!({ url: 'app://desk/index.html', method: 'GET' })).status).toBe(200);
  });
});
