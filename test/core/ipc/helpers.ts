// Handlers for dispatcher tests: every channel records what it was called with.

import { channelNames, type Channel, type IpcHandlers } from '../../../shared/ipc';

export interface HandlerCall {
  channel: Channel;
  request: unknown;
}

export function recordingHandlers(respond: (channel: Channel, request: unknown) => unknown = () => ({})): {
  handlers: IpcHandlers;
  calls: HandlerCall[];
} {
  const calls: HandlerCall[] = [];
  const handlers = Object.fromEntries(
    channelNames.map((channel) => [
      channel,
      async (request: unknown) => {
        calls.push({ channel, request });
        return respond(channel, request);
      },
    ]),
  ) as unknown as IpcHandlers;
  return { handlers, calls };
}
