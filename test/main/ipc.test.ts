import { describe, expect, it, vi } from 'vitest';
import { channelNames, type EventName } from '../../shared/ipc';
import { createDispatcher, type CoreOn, type Dispatch } from '../../main/core/ipc';
import { recordingHandlers } from '../core/ipc/helpers';
import { FakeWebContents } from './fakes';

vi.mock('electron', () => ({}));
const { NOT_READY, forwardCoreEvents, registerIpcHandlers } = await import('../../main/ipc');

type Handler = (event: unknown, payload: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (name: string, h: Handler) => {
      if (handlers.has(name)) throw new Error(`second handler for ${name}`);
      handlers.set(name, h);
    },
    removeHandler: (name: string) => handlers.delete(name),
  };
}

const frame = (url: string, parent: unknown = null) => ({ url, parent });
const trusted = (id = 1) => ({ senderFrame: frame('app://desk/index.html'), sender: { id } });

function setup(dispatch: Dispatch | null = null) {
  const ipcMain = fakeIpcMain();
  const { handlers, calls } = recordingHandlers(() => ({ templates: [] }));
  const d = dispatch ?? createDispatcher(handlers);
  const current = { dispatch: d as Dispatch | null };
  const off = registerIpcHandlers(ipcMain as never, { dispatch: () => current.dispatch, windowContentsId: () => 1 });
  const invoke = (channel: string, event: unknown, payload: unknown) => ipcMain.handlers.get(`dfdg:${channel}`)!(event, payload);
  return { ipcMain, calls, invoke, off, current };
}

describe('IPC wiring in main', () => {
  it('registers exactly one handler per contract channel, under the dfdg: prefix', () => {
    const { ipcMain, off } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(channelNames.map((c) => `dfdg:${c}`).sort());
    off();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes requests from the main frame of app://desk in the app window to the dispatcher', async () => {
    const { invoke, calls } = setup();
    expect(await invoke('templates.list', trusted(), {})).toEqual({ ok: true, data: { templates: [] } });
    expect(calls).toHaveLength(1);
  });

  it('answers forbidden-sender for subframes, foreign origins, other windows and missing frames, without dispatching', async () => {
    const { invoke, calls } = setup();
    const events = [
      { senderFrame: frame('app://desk/index.html', frame('app://desk/index.html')), sender: { id: 1 } },
      { senderFrame: frame('https://evil.example/'), sender: { id: 1 } },
      { senderFrame: frame('app://desk.evil/index.html'), sender: { id: 1 } },
      { senderFrame: frame('file:///tmp/index.html'), sender: { id: 1 } },
      { senderFrame: frame('app://desk/index.html'), sender: { id: 2 } },
      { senderFrame: null, sender: { id: 1 } },
      {},
    ];
    for (const event of events) {
      const r = (await invoke('templates.list', event, {})) as { ok: boolean; error: { kind: string } };
      expect(r.ok).toBe(false);
      expect(r.error.kind).toBe('forbidden-sender');
    }
    expect(calls).toHaveLength(0);
  });

  it('answers not-configured while the core starts or restarts', async () => {
    const { invoke, current } = setup();
    current.dispatch = null;
    expect(await invoke('templates.list', trusted(), {})).toEqual(NOT_READY);
  });

  it('forwards core events to the window under dfdg:event:<name>, and not to a destroyed window', () => {
    const listeners = new Map<string, (p: unknown) => void>();
    const on = ((e: EventName, l: (p: unknown) => void) => (listeners.set(e, l), () => listeners.delete(e))) as CoreOn;
    const wc = new FakeWebContents();
    const stop = forwardCoreEvents(on, () => wc as never);
    listeners.get('outbox.changed')!({ status: { online: true } });
    expect(wc.sent).toEqual([['dfdg:event:outbox.changed', { status: { online: true } }]]);
    wc.destroyed = true;
    listeners.get('inbox.changed')!({ open: 1 });
    expect(wc.sent).toHaveLength(1);
    stop();
    expect(listeners.size).toBe(0);
  });
});
