// Through the core: the PDFs a caseworker attaches are read by one long-lived worker thread that the
// core starts with the first PDF, reuses for the next ones, and ends when it stops. node:worker_threads
// is wrapped to count the workers started and ended (they are real workers).

import type * as WorkerThreads from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makePdf } from '../../fixtures/pdf';
import { CPR_A } from '../support/fixtures';
import { makeCore, seedCitizen, type CoreRig } from '../app/helpers';

const seen = vi.hoisted(() => ({ started: 0, ended: 0 }));
vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof WorkerThreads>();
  class Worker extends real.Worker {
    constructor(...args: ConstructorParameters<typeof real.Worker>) {
      super(...args);
      seen.started++;
      this.once('exit', () => seen.ended++);
    }
  }
  return { ...real, default: { ...real, Worker }, Worker };
});

let rig: CoreRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('attachments.add reads PDFs in the core’s worker pool', () => {
  it('one worker thread reads PDF after PDF, and it ends when the core stops', async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A, { name: 'Mette Sørensen' });
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'citizen-page' });
    const d = await rig.call('drafts.create', { cpr: CPR_A });
    expect(seen.started).toBe(0);
    for (const pages of [1, 2, 3]) {
      const { attachment } = await rig.call('attachments.add', { draftId: d.id, fileName: `bilag-${pages}.pdf`, bytes: new Uint8Array(makePdf({ pages })) });
      expect(attachment).toMatchObject({ mimeType: 'application/pdf', pageCount: pages });
    }
    expect(seen).toEqual({ started: 1, ended: 0 });
    await rig.close();
    rig = undefined;
    await vi.waitFor(() => expect(seen.ended).toBe(1));
  });
});
