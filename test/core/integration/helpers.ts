import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../../main/core/app';
import type { ChannelRequest, ChannelResponse, Channel } from '../../../shared/ipc';
import { channels } from '../../../shared/contract';
import { configFor, identityFor, type SandboxHandle } from '../../contract/helpers';

export interface SandboxCore {
  core: Core;
  dir: string;
  call<C extends Channel>(channel: C, request: ChannelRequest<C>): Promise<ChannelResponse<C>>;
  close(): Promise<void>;
}

/** A real core (real clients, encrypted store in a temp dir) acting as one sandbox organisation. */
export async function coreFor(sb: SandboxHandle, orgId: string, over: Partial<CoreOptions> = {}, opts: { start?: boolean } = {}): Promise<SandboxCore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dfdg-core-${orgId}-`));
  const core = await createCore({
    dataDir: dir,
    dbKey: randomBytes(32),
    settings: null,
    dfdg: configFor(sb, orgId),
    identity: identityFor(sb, orgId),
    mode: 'sandbox',
    sandboxUrl: sb.url,
    pollIntervalMs: 3_600_000,
    retention: false,
    engine: { baseDelayMs: 5, maxDelayMs: 50, settleMs: 0, probeMs: 20, probeMaxMs: 100, stopTimeoutMs: 2_000 },
    ...over,
  });
  if (opts.start !== false) core.start();
  return {
    core,
    dir,
    async call(channel, request) {
      const parsed = channels[channel].request.parse(request);
      const res = await (core.handlers[channel] as (r: unknown) => Promise<ChannelResponse<typeof channel>>)(parsed);
      channels[channel].response.parse(res);
      return res;
    },
    async close() {
      await core.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
