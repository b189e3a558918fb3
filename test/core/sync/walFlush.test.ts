// The group commit's flush off the event loop (main/core/sync/walFlush.ts): the drain commits to the
// WAL unflushed, and whatever depends on a commit being on disk waits for the fdatasync of the WAL.
// A SIGKILL (the crash test) cannot tell a flushed commit from an unflushed one, so the ordering is
// tested here directly: with the flush held back, a message is not sent and nothing is reported sent.

import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WalFlusher } from '../../../main/core/sync/walFlush';
import { addCitizen, cprN, enqueueAbsence, enqueueMessage, makeRig, type Rig } from './helpers';

let rig: Rig;
/** Held flushes are released after every test, so a failing test does not leave stop() waiting. */
const releases: (() => void)[] = [];
afterEach(async () => {
  for (const r of releases.splice(0)) r();
  vi.restoreAllMocks();
  await rig?.close();
});

/** Holds every flush of the WAL until release(); counts the datasyncs of the -wal file. */
function holdFlushes() {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  releases.push(release);
  const opened: string[] = [];
  const realOpen = fs.promises.open.bind(fs.promises);
  vi.spyOn(fs.promises, 'open').mockImplementation(async (...args: Parameters<typeof fs.promises.open>) => {
    opened.push(String(args[0]));
    await gate;
    return realOpen(...args);
  });
  return { release, opened };
}

/** One turn of the event loop: whatever is not held at the gate has had its chance to run. */
const turn = () => new Promise((r) => setImmediate(r));

describe('WAL flush off the event loop', () => {
  it('commits unflushed, leaves the connection at synchronous = FULL, and flushes the -wal file once for commits made together', async () => {
    rig = makeRig();
    const f = new WalFlusher(rig.store);
    expect(f.asynchronous).toBe(true);
    const held = holdFlushes();
    f.commitUnflushed(() => rig.store.kv.set('a', '1'));
    expect(rig.store.db.pragma('synchronous', { simple: true })).toBe(2);
    const first = f.durable();
    f.commitUnflushed(() => rig.store.kv.set('b', '2'));
    // Commits made while the first flush runs share the next one.
    const second = f.durable();
    const third = f.durable();
    expect(third).toBe(second);
    let done = 0;
    void first.then(() => done++);
    // The flush has reached the disk and is held there: the commit is not durable until it gets through.
    await vi.waitFor(() => expect(held.opened).not.toHaveLength(0));
    await turn();
    expect(done).toBe(0);
    held.release();
    await Promise.all([first, second, third]);
    expect(held.opened.every((p) => p === `${rig.store.db.name}-wal`)).toBe(true);
    expect(f.stats.flushes).toBe(2);
  });

  it('sends a message only once its claim is on disk, sends an idempotent absence at once, and reports nothing sent before the flush', async () => {
    rig = makeRig();
    addCitizen(rig.fake, cprN(60));
    addCitizen(rig.fake, cprN(61));
    const message = enqueueMessage(rig, cprN(60), 'Efter flush');
    const absence = enqueueAbsence(rig, cprN(61), randomUUID());
    const finished: string[] = [];
    await rig.restart({ onEvent: (e) => e.type === 'command.finished' && finished.push(e.commandId) });
    const held = holdFlushes();
    rig.engine.start();
    // Both claimed (committed to the WAL); the absence went out, the message waits for the disk.
    await vi.waitFor(() => {
      expect(rig.outbox.get(absence)?.state).toBe('sent');
      expect(held.opened).not.toHaveLength(0);
    });
    expect(rig.outbox.get(message)?.state).toBe('sending');
    expect(rig.fake.calls.map((c) => c.op)).toEqual(['FravaerService.CreateFravaerMedIdentifier']);
    // DFDG confirmed the absence and the cycle recorded it, but it is not reported until on disk.
    expect(rig.outbox.get(absence)?.state).toBe('sent');
    expect(finished).toEqual([]);
    let drained = false;
    void rig.engine.whenDrained(5_000).then(() => (drained = true));
    await turn();
    expect(drained).toBe(false);

    held.release();
    await rig.engine.whenDrained(5_000);
    expect(rig.fake.calls.map((c) => c.op)).toEqual(['FravaerService.CreateFravaerMedIdentifier', 'CitizenMessageService.CreateMessage']);
    expect(finished.sort()).toEqual([absence, message].sort());
    expect(rig.outbox.get(message)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('sends a citizen\'s next command only once the previous one is recorded as sent on disk, even an idempotent one', async () => {
    rig = makeRig();
    addCitizen(rig.fake, cprN(62));
    const first = enqueueAbsence(rig, cprN(62), randomUUID());
    const second = enqueueAbsence(rig, cprN(62), randomUUID());
    await rig.restart();
    const held = holdFlushes();
    rig.engine.start();
    await vi.waitFor(() => {
      expect(rig.outbox.get(first)?.state).toBe('sent');
      expect(held.opened).not.toHaveLength(0);
    });
    // The first is confirmed and its "sent" committed to the WAL, the second claimed in the same
    // commit; after a power loss now the first would be sent again, so the second must not be at DFDG.
    expect(rig.outbox.get(first)?.state).toBe('sent');
    expect(rig.outbox.get(second)?.state).toBe('sending');
    expect(rig.fake.calls.map((c) => c.op)).toEqual(['FravaerService.CreateFravaerMedIdentifier']);

    held.release();
    await rig.engine.whenDrained(5_000);
    expect(rig.fake.calls.map((c) => c.op)).toEqual(['FravaerService.CreateFravaerMedIdentifier', 'FravaerService.CreateFravaerMedIdentifier']);
    expect(rig.outbox.get(second)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('starts the next flush after a flush and its fallback both failed, instead of failing every later waiter', async () => {
    rig = makeRig();
    const f = new WalFlusher(rig.store);
    const held = holdFlushes();
    const open = vi.mocked(fs.promises.open);
    const realImpl = open.getMockImplementation()!;
    open.mockImplementation(async (...args: Parameters<typeof fs.promises.open>) => {
      await realImpl(...args).then((fh) => fh.close());
      throw Object.assign(new Error('EIO'), { code: 'EIO' });
    });
    f.commitUnflushed(() => rig.store.kv.set('a', '1'));
    const first = f.durable();
    f.commitUnflushed(() => rig.store.kv.set('b', '2'));
    const second = f.durable();
    // The fallback commit of the first flush fails too.
    const tx = vi.spyOn(rig.store, 'transaction').mockImplementationOnce(() => {
      throw new Error('SQLITE_IOERR');
    });
    held.release();
    await expect(first).rejects.toThrow('SQLITE_IOERR');
    // The second waiter gets its own flush (here through the fallback commit, which works again).
    await expect(second).resolves.toBeUndefined();
    expect(tx).toHaveBeenCalledTimes(2);
    // And later waiters are not handed the failed one.
    await expect(f.durable()).resolves.toBeUndefined();
  });
});
