import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { DfdgBridge } from '../../shared/ipc';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    exposed: [] as [string, unknown][],
    listeners,
    invoke: vi.fn(async (_name: string, _payload: unknown): Promise<unknown> => ({ ok: true, data: 'svar' })),
    on: vi.fn((name: string, l: (...args: unknown[]) => void) => {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(l);
    }),
    removeListener: vi.fn((name: string, l: (...args: unknown[]) => void) => listeners.get(name)?.delete(l)),
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push([key, api]) },
  ipcRenderer: { invoke: electron.invoke, on: electron.on, removeListener: electron.removeListener },
}));

let dfdg: DfdgBridge;
beforeAll(async () => {
  await import('../../preload/index');
  dfdg = electron.exposed[0]![1] as DfdgBridge;
});

describe('preload: window.dfdg', () => {
  it('exposes exactly one key, "dfdg", with exactly invoke and on', () => {
    expect(electron.exposed.map(([k]) => k)).toEqual(['dfdg']);
    expect(Object.keys(dfdg).sort()).toEqual(['invoke', 'on']);
    expect(typeof dfdg.invoke).toBe('function');
    expect(typeof dfdg.on).toBe('function');
  });

  it('invokes contract channels under their dfdg: name', async () => {
    electron.invoke.mockClear();
    expect(await dfdg.invoke('drafts.get', { id: 'd1' })).toEqual({ ok: true, data: 'svar' });
    expect(electron.invoke).toHaveBeenCalledExactlyOnceWith('dfdg:drafts.get', { id: 'd1' });
  });

  it('refuses names outside the contract before they reach ipcRenderer', async () => {
    electron.invoke.mockClear();
    for (const name of ['fs.readFile', 'dfdg:drafts.get', '__proto__', 'toString', 'constructor', '', 'drafts.get ', 'event:outbox.changed']) {
      const r = await dfdg.invoke(name as never, {} as never);
      expect(r).toEqual({ ok: false, error: { kind: 'unknown-channel', message: expect.any(String) } });
    }
    expect(electron.invoke).not.toHaveBeenCalled();
  });

  it('turns a failed send (e.g. an uncloneable payload) into a typed error instead of a rejection', async () => {
    electron.invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'));
    const r = await dfdg.invoke('drafts.get', { id: 'd1' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('invalid-request');
  });

  it('gives listeners the payload only, never the IpcRendererEvent, and unsubscribes', () => {
    const received: unknown[][] = [];
    const off = dfdg.on('inbox.changed', (...args: unknown[]) => received.push(args));
    expect(electron.on).toHaveBeenCalledWith('dfdg:event:inbox.changed', expect.any(Function));
    const ipcEvent = { sender: { send: () => 'ipcRenderer itself' }, senderId: 0, ports: [] };
    for (const l of electron.listeners.get('dfdg:event:inbox.changed')!) l(ipcEvent, { open: 4 });
    expect(received).toEqual([[{ open: 4 }]]);
    off();
    expect(electron.listeners.get('dfdg:event:inbox.changed')!.size).toBe(0);
  });

  it('refuses unknown events and non-function listeners without subscribing', () => {
    electron.on.mockClear();
    expect(() => dfdg.on('nope' as never, () => undefined)).toThrow(TypeError);
    expect(() => dfdg.on('inbox.changed', 'x' as never)).toThrow(TypeError);
    expect(electron.on).not.toHaveBeenCalled();
  });
});
