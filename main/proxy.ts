// The operating system's proxy for DFDG, as Chromium resolves it (system settings, PAC scripts and
// WPAD included), the way VS Code does: session.resolveProxy(url) answers in PAC form, e.g.
// "PROXY proxy.kommune.dk:8080; DIRECT", and the core's agent factory (main/core/dfdg/http.ts) tunnels
// through the proxy named here. A proxy chosen in Indstillinger overrides this (main/runtime.ts).

import { session } from 'electron';

/** Logs what cannot be used (no URLs with personal data ever reach here: only DFDG's address). */
export type ProxyLog = (message: string) => void;

/**
 * The first usable entry of a PAC answer as a proxy URL: `PROXY h:p` → http://h:p, `HTTPS h:p` →
 * https://h:p, `DIRECT` → null. SOCKS proxies cannot carry the CONNECT tunnel and are skipped (said in
 * the log); with nothing usable the connection is direct.
 */
export function proxyUrlFromPac(answer: string, log: ProxyLog = () => undefined): string | null {
  for (const entry of answer.split(';')) {
    const [kind = '', hostPort = ''] = entry.trim().split(/\s+/);
    const k = kind.toUpperCase();
    if (k === 'DIRECT') return null;
    if ((k === 'PROXY' || k === 'HTTP' || k === 'HTTPS') && /^[^\s/@]+:\d+$|^\[[0-9a-f:.]+\]:\d+$/i.test(hostPort)) return `${k === 'HTTPS' ? 'https' : 'http'}://${hostPort}`;
    if (k) log(`proxy: the system proxy "${k}" cannot be used for DFDG (only HTTP CONNECT proxies); skipped`);
  }
  return null;
}

/** The system's proxy for `url` (Electron's default session), or null for a direct connection. */
export async function resolveSystemProxy(url: string, log?: ProxyLog): Promise<string | null> {
  return proxyUrlFromPac(await session.defaultSession.resolveProxy(url), log);
}
