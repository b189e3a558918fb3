import type { Finding, Identity } from '../../../shared/domain';
import type { ChannelRequest, ChannelResponse, Channel } from '../../../shared/ipc';
import { channels } from '../../../shared/contract';
import { createCore, type Core, type CoreOptions } from '../../../main/core/app';
import { AKASSE_IDENTITY, citizen } from '../support/fixtures';
import { FakeDfdg } from '../support/fakeDfdg';
import { liveClock, tempDataDir } from '../support/tmp';

export interface CoreRig {
  core: Core;
  fake: FakeDfdg;
  clock: ReturnType<typeof liveClock>;
  dir: string;
  key: Buffer;
  /** Calls a handler the way the dispatcher does: request parsed by its schema, response checked. */
  call<C extends Channel>(channel: C, request: ChannelRequest<C>): Promise<ChannelResponse<C>>;
  restart(over?: Partial<CoreOptions>): Promise<void>;
  close(): Promise<void>;
}

export async function makeCore(opts: { identity?: Identity; start?: boolean; over?: Partial<CoreOptions>; fake?: FakeDfdg } = {}): Promise<CoreRig> {
  const tmp = tempDataDir('dfdg-app-');
  const fake = opts.fake ?? new FakeDfdg();
  const clock = liveClock('2026-11-22T09:00:00.000Z');
  const identity = opts.identity ?? AKASSE_IDENTITY;
  const build = (over: Partial<CoreOptions> = {}) =>
    createCore({
      dataDir: tmp.dir,
      dbKey: tmp.key,
      settings: null,
      dfdg: { baseUrl: 'https://dfdg.invalid', tls: { kind: 'pem', cert: 'x', key: 'x' } },
      identity,
      mode: 'sandbox',
      sandboxUrl: 'https://127.0.0.1:1',
      clock: clock.now,
      clientsFactory: () => fake.clients(),
      engine: { baseDelayMs: 1, maxDelayMs: 5, settleMs: 0, probeMs: 5, probeMaxMs: 10, stopTimeoutMs: 200 },
      pollIntervalMs: 3_600_000,
      retention: false,
      ...opts.over,
      ...over,
    });
  const rig: CoreRig = {
    core: await build(),
    fake,
    clock,
    dir: tmp.dir,
    key: tmp.key,
    async call(channel, request) {
      const parsed = channels[channel].request.parse(request);
      const handler = rig.core.handlers[channel] as (r: unknown) => Promise<ChannelResponse<typeof channel>>;
      const res = await handler(parsed);
      channels[channel].response.parse(res);
      return res;
    },
    async restart(over = {}) {
      await rig.core.stop();
      rig.core = await build(over);
      if (opts.start !== false) rig.core.start();
    },
    async close() {
      await rig.core.stop();
      tmp.cleanup();
    },
  };
  if (opts.start !== false) rig.core.start();
  return rig;
}

/** Adds a citizen to the fake DFDG (an a-kasse 067 member in contact group 1 by default). */
export function seedCitizen(fake: FakeDfdg, cpr: string, over: Parameters<typeof citizen>[0] = {}) {
  const c = citizen({ cpr, ...over });
  fake.citizens.set(cpr, c);
  return c;
}

export async function expectCoreError(p: Promise<unknown>, kind: string): Promise<{ kind: string; message: string; findings?: Finding[] }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; kind: string; message: string; findings?: Finding[] };
    if (err.name !== 'CoreError') throw e;
    if (err.kind !== kind) throw new Error(`expected CoreError(${kind}), got ${err.kind}: ${err.message}`, { cause: e });
    return err;
  }
  throw new Error(`expected CoreError(${kind}), but the call succeeded`);
}
