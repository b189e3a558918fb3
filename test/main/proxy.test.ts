// The shell's system proxy (main/proxy.ts) with Electron's session mocked: it asks the session for
// DFDG's address (Chromium applies the system settings and PAC scripts) and turns the PAC answer into
// the proxy URL the core's agent tunnels through.

import { beforeEach, describe, expect, it, vi } from 'vitest';

const resolveProxy = vi.hoisted(() => vi.fn<(url: string) => Promise<string>>());
vi.mock('electron', () => ({ session: { defaultSession: { resolveProxy } } }));

const { proxyUrlFromPac, resolveSystemProxy } = await import('../../main/proxy');

beforeEach(() => {
  resolveProxy.mockReset();
});

describe('the system proxy for DFDG (Electron session.resolveProxy)', () => {
  it('asks the session for DFDG’s own address and uses the proxy a PAC script names', async () => {
    resolveProxy.mockResolvedValue('PROXY proxy.kommune.dk:8080; DIRECT');
    await expect(resolveSystemProxy('https://dfdg.star.dk/')).resolves.toBe('http://proxy.kommune.dk:8080');
    expect(resolveProxy).toHaveBeenCalledExactlyOnceWith('https://dfdg.star.dk/');
  });

  it('connects directly when the system says DIRECT', async () => {
    resolveProxy.mockResolvedValue('DIRECT');
    await expect(resolveSystemProxy('https://dfdg.star.dk/')).resolves.toBeNull();
  });

  it('lets a failure of the session reach the caller (the runtime then connects directly and logs it)', async () => {
    resolveProxy.mockRejectedValue(new Error('session not ready'));
    await expect(resolveSystemProxy('https://dfdg.star.dk/')).rejects.toThrow('session not ready');
  });

  it.each([
    ['HTTPS secure-proxy.region.dk:443', 'https://secure-proxy.region.dk:443'],
    ['PROXY 10.0.0.8:3128', 'http://10.0.0.8:3128'],
    ['PROXY [fd00::8]:3128; DIRECT', 'http://[fd00::8]:3128'],
    ['SOCKS5 socks.kommune.dk:1080; PROXY proxy.kommune.dk:8080', 'http://proxy.kommune.dk:8080'],
    ['DIRECT; PROXY proxy.kommune.dk:8080', null],
    ['', null],
  ])('PAC answer "%s" → %s', (answer, url) => {
    expect(proxyUrlFromPac(answer)).toBe(url);
  });

  it('says so in the log when the only proxy is one it cannot use (SOCKS), and connects directly', async () => {
    resolveProxy.mockResolvedValue('SOCKS5 socks.kommune.dk:1080');
    const lines: string[] = [];
    await expect(resolveSystemProxy('https://dfdg.star.dk/', (l) => lines.push(l))).resolves.toBeNull();
    expect(lines).toEqual(['proxy: the system proxy "SOCKS5" cannot be used for DFDG (only HTTP CONNECT proxies); skipped']);
  });
});
