// Through the core: when the PDF worker cannot be started (here node:worker_threads refuses to start
// any worker), 'attachments.add' still inspects and accepts the PDF on the main thread, and the
// warning reaches the core's logger (CoreOptions.log) without the file name or the citizen.

import type * as WorkerThreads from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogLevel } from '../../../main/core/log';
import { makePdf } from '../../fixtures/pdf';
import { CPR_A } from '../support/fixtures';
import { makeCore, seedCitizen, type CoreRig } from '../app/helpers';

vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof WorkerThreads>();
  class Worker {
    constructor() {
      throw Object.assign(new Error('Cannot find module /opt/DFDG Desk/resources/app.asar/out/main/pdfWorker.js'), { code: 'ERR_MODULE_NOT_FOUND' });
    }
  }
  return { ...real, default: { ...real, Worker }, Worker };
});

let rig: CoreRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('attachments.add when no PDF worker can be started', () => {
  it('accepts the PDF all the same and logs one warning through the core logger', async () => {
    const lines: { level: LogLevel; message: string; fields?: Record<string, unknown> }[] = [];
    rig = await makeCore({ over: { log: (level, message, fields) => void lines.push({ level, message, ...(fields ? { fields } : {}) }) } });
    seedCitizen(rig.fake, CPR_A, { name: 'Mette Sørensen' });
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'citizen-page' });
    const d = await rig.call('drafts.create', { cpr: CPR_A });
    const { attachment } = await rig.call('attachments.add', { draftId: d.id, fileName: 'praktikaftale-mette.pdf', bytes: new Uint8Array(makePdf({ pages: 2 })) });
    expect(attachment).toMatchObject({ mimeType: 'application/pdf', pageCount: 2 });
    const warnings = lines.filter((l) => /PDF worker/.test(l.message));
    expect(warnings).toEqual([{ level: 'warn', message: expect.stringMatching(/could not be started/), fields: { error: 'Error', code: 'ERR_MODULE_NOT_FOUND' } }]);
    expect(JSON.stringify(warnings)).not.toMatch(/praktikaftale|Mette|DFDG Desk|asar/);
  });
});
