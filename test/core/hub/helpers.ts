// Desktops in hub mode for tests: real cores (real DFDG clients against the sandbox, encrypted store in
// a temp dir) of one organisation connected to a real hub, each with its caseworker's own certificate;
// a TCP relay in front of the hub that a test can cut (the desktop's network gone) and restore; and a
// wait on the core's own events (never a sleep).

import net from 'node:net';
import type { CoreOptions } from '../../../main/core/app';
import type { HubTarget } from '../../../main/core/hub/target';
import type { EventName } from '../../../shared/ipc';
import type { SandboxHandle } from '../../../sandbox/server';
import { coreFor, type SandboxCore } from '../integration/helpers';

/** The hub target of a sandbox caseworker (e.g. 'jobcenter-10100-2') at `url`. */
export function hubTargetFor(sb: SandboxHandle, caseworkerId: string, url: string): HubTarget {
  const c = sb.certs.caseworkers.find((x) => x.id === caseworkerId);
  if (!c) throw new Error(`no caseworker certificate ${caseworkerId}`);
  return { state: 'ready', source: 'settings', config: { url, tls: { kind: 'pem', cert: c.certPem, key: c.keyPem, ca: sb.certs.caPem } } };
}

/** Fast reconnects, so a test waits on events, not on back-off. */
export const HUB_TUNING: CoreOptions['hubTuning'] = { retryMs: 50, retryMaxMs: 400, silenceMs: 5_000 };

/** A desktop of the organisation `orgId` working as `caseworkerId` at the hub at `url` (started). */
export async function desktop(sb: SandboxHandle, orgId: string, caseworkerId: string, url: string, over: Partial<CoreOptions> = {}): Promise<SandboxCore> {
  return coreFor(sb, orgId, { hub: hubTargetFor(sb, caseworkerId, url), hubTuning: HUB_TUNING, ...over });
}

/**
 * Resolves when `check` holds, looked at now and after every `events` of the core (default
 * inbox.changed and hub.status); fails after `timeoutMs`.
 */
export function until<T>(d: SandboxCore, check: () => T | null | undefined | false, timeoutMs = 20_000, events: EventName[] = ['inbox.changed', 'hub.status']): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const offs: (() => void)[] = [];
    const finish = (fn: () => void) => {
      clearTimeout(timer);
      for (const off of offs) off();
      fn();
    };
    const look = () => {
      let v: T | null | undefined | false;
      try {
        v = check();
      } catch (e) {
        finish(() => reject(e as Error));
        return;
      }
      if (v) finish(() => resolve(v as T));
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`not reached within ${timeoutMs} ms`))), timeoutMs);
    for (const e of events) offs.push(d.core.on(e, look));
    look();
  });
}

/**
 * A TCP relay to `target` (https://host:port): `cut()` drops every connection and refuses new ones,
 * `loseAnswers()` lets requests through but drops a connection as soon as the hub answers (the hub has
 * done it; the desktop never hears), `restore()` lets everything through again.
 */
export interface Relay {
  url: string;
  cut(): void;
  loseAnswers(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function relay(target: string): Promise<Relay> {
  const t = new URL(target);
  const open = new Set<net.Socket>();
  let down = false;
  let mute = false;
  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(t.port), t.hostname);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (mute) drop();
      else client.write(chunk);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    cut() {
      down = true;
      for (const s of open) s.destroy();
      open.clear();
    },
    loseAnswers() {
      mute = true;
    },
    restore() {
      down = false;
      mute = false;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of open) s.destroy();
        server.close(() => r());
      }),
  };
}
