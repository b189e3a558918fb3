// The renderer is served from app://desk/ (not file://), from the built renderer directory only, with
// the strict CSP on every response. Files are read here rather than through net.fetch(file://), so
// the app needs no file:// privileges at all.

import { readFile, stat } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { APP_SCHEME, RENDERER_HEADERS, resolveAppFile } from './core/ipc/origin';

/** Must run before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Answers one app:// request (exported for tests). */
export async function serveAppRequest(request: { url: string; method: string }, rendererDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: RENDERER_HEADERS });
  const resolved = resolveAppFile(request.url, rendererDir);
  if (!resolved.ok) return new Response(null, { status: resolved.status, headers: RENDERER_HEADERS });
  try {
    const info = await stat(resolved.file);
    if (!info.isFile()) return new Response(null, { status: 404, headers: RENDERER_HEADERS });
    const body = request.method === 'HEAD' ? null : await readFile(resolved.file);
    return new Response(body, { status: 200, headers: { ...RENDERER_HEADERS, 'content-type': resolved.mimeType } });
  } catch {
    return new Response(null, { status: 404, headers: RENDERER_HEADERS });
  }
}

export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir));
}
