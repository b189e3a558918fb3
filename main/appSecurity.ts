// App-wide security rules that do not belong to one window: every web contents is hardened as it is
// created, TLS certificate errors are never bypassed, client certificates are never chosen silently,
// and no login prompt (HTTP auth, proxy) is answered.

import type { App, Event, WebContents } from 'electron';
import type { Logger } from './core/log';
import { hardenWebContents, type OpenExternal } from './window';

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return '(ugyldig adresse)';
  }
};

/**
 * Certificate errors in the Chromium stack: refused, always. (The renderer only loads app://; DFDG is
 * reached from main through Node's TLS, which verifies against the configured CA on its own.)
 * Never calls preventDefault, so Electron's default (reject) stands as well.
 */
export function onCertificateError(_event: Event, _contents: WebContents, url: string, error: string, _certificate: unknown, callback: (isTrusted: boolean) => void): void {
  console.warn(`[security] certificate error for ${hostOf(url)} (${error}): refused`);
  callback(false);
}

/**
 * Chromium asks which client certificate to present. Without a handler Electron silently picks the
 * first one from the OS store; here the choice is explicit: none. The renderer never needs one; the
 * DFDG connection in main presents the organisation certificate from settings itself.
 */
export function onSelectClientCertificate(event: Event, _contents: WebContents | null, url: string, _list: unknown[], callback: (certificate?: never) => void): void {
  event.preventDefault();
  console.warn(`[security] client certificate requested by ${hostOf(url)}: none presented`);
  callback();
}

export function installAppSecurity(app: Pick<App, 'on'>, openExternal: OpenExternal, log?: Logger): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal, log ? { log } : {}));
  app.on('certificate-error', onCertificateError);
  app.on('select-client-certificate', onSelectClientCertificate);
  app.on('login', (event, _contents, _details, _authInfo, callback) => {
    event.preventDefault();
    callback();
  });
}
