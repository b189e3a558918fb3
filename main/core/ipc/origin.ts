// The app's own origin and the rules that keep the renderer in it: the app:// scheme the shell serves
// the renderer from, the Content-Security-Policy sent with every renderer file, the path guard for
// app:// requests, and which links may leave the app (to the system browser). Electron-free.

import { extname, isAbsolute, relative, resolve } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
/** What new URL() gives for app:// URLs is 'null' (not a special scheme), so compare scheme and host. */
export const APP_BASE_URL = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_BASE_URL}/index.html`;

/** The renderer's Content-Security-Policy (the e2e bridge sends the same one; a test keeps them equal). */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Headers sent with every file served to the renderer. */
export const RENDERER_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': RENDERER_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cache-control': 'no-store',
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.map': 'application/json',
};

/** Is `candidate` the directory itself or inside it, after resolving '..' (cf. Insomnia's isPathInsideDir)? */
export function isPathInsideDir(dir: string, candidate: string): boolean {
  const rel = relative(resolve(dir), resolve(candidate));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Parses an app:// URL of this app; null for anything else (other scheme or host, credentials, port). */
export function parseAppUrl(url: string): URL | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username !== '' || u.password !== '') return null;
  return u;
}

export type AppFileResolution = { ok: true; file: string; mimeType: string } | { ok: false; status: 400 | 403 | 404 };

/** Maps an app:// request to a file inside the renderer directory, refusing anything that would leave it. */
export function resolveAppFile(requestUrl: string, rootDir: string): AppFileResolution {
  const u = parseAppUrl(requestUrl);
  if (!u) return { ok: false, status: 403 };
  return resolveRendererPath(u.pathname, rootDir);
}

/**
 * Maps the (still percent-encoded) path of a request to a file inside the renderer directory, for
 * the app:// protocol and for browser mode's HTTP server alike: '/' is index.html; a path that would
 * leave the directory is refused; only known file types are served.
 */
export function resolveRendererPath(pathname: string, rootDir: string): AppFileResolution {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (path.includes('\0')) return { ok: false, status: 400 };
  if (path === '/' || path === '') path = '/index.html';
  const root = resolve(rootDir);
  const file = resolve(root, `.${path.replace(/\\/g, '/')}`);
  if (file === root || !isPathInsideDir(root, file)) return { ok: false, status: 403 };
  const mimeType = MIME[extname(file).toLowerCase()];
  if (!mimeType) return { ok: false, status: 404 };
  return { ok: true, file, mimeType };
}

/**
 * The sites whose pages the app may open in the system browser (help and guidance the caseworker is
 * pointed to: STAR, Jobnet, borger.dk), with their subdomains. Anything else is never opened.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['star.dk', 'jobnet.dk', 'borger.dk'];

/** Links that may be handed to the system browser: safe (below), on the default port, of an allowed site. */
export function isAllowedExternalUrl(url: string): boolean {
  if (!isSafeExternalUrl(url)) return false;
  const u = new URL(url);
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  return u.port === '' && EXTERNAL_LINK_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
}

/** A URL as the log may name it: scheme, host and path; never the query or the fragment (they may carry data). */
export function urlForLog(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol === 'data:' || u.protocol === 'javascript:' || u.protocol === 'blob:') return `${u.protocol}…`;
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(ugyldig adresse)';
  }
}

/** Links that may be handed to the system browser: https only, no credentials. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.username === '' && u.password === '' && u.hostname !== '';
  } catch {
    return false;
  }
}
