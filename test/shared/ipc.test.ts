// The contract is declared in two modules on purpose: shared/ipc.ts holds the names (all preload may
// bundle, no zod) and shared/contract.ts the schemas. The type checker holds them together
// (`satisfies Record<Channel, …>`); this holds them together at run time, in the same order, so a
// name added to one list and not the other fails here too.

import { describe, expect, it } from 'vitest';
import { channels, events } from '../../shared/contract';
import { channelNames, eventNames, isChannel, isEventName } from '../../shared/ipc';

describe('the IPC names and the schema map', () => {
  it('name exactly the same channels, in the same order', () => {
    expect([...channelNames]).toEqual(Object.keys(channels));
    expect(new Set(channelNames).size).toBe(channelNames.length);
  });

  it('name exactly the same events, in the same order', () => {
    expect([...eventNames]).toEqual(Object.keys(events));
    expect(new Set(eventNames).size).toBe(eventNames.length);
  });

  it('accept exactly the contract names, never an inherited property', () => {
    for (const c of channelNames) expect(isChannel(c)).toBe(true);
    for (const e of eventNames) expect(isEventName(e)).toBe(true);
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'drafts.get ', 'dfdg:drafts.get', 'outbox.changed']) {
      expect(isChannel(name), name).toBe(false);
    }
    for (const name of ['__proto__', 'constructor', 'app.info', 'event:outbox.changed']) expect(isEventName(name), name).toBe(false);
    expect(isChannel(42)).toBe(false);
    expect(isEventName(null)).toBe(false);
  });
});
