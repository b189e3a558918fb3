// The redacting logger (main/core/log.ts): one line of JSON per call, no CPR number in the message or
// any field, no message text, errors reduced to what classifies them; the file rotates by size; and
// createCore's own lines (engine, poller, handlers) reach it.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { DfdgError } from '../../main/core/dfdg/errors';
import { CoreError } from '../../main/core/errors';
import { stackFrames } from '../../main/core/ipc/dispatch';
import { consoleSink, createLogger, fileSink, type LogLevel } from '../../main/core/log';
import { makeCore, seedCitizen, type CoreRig } from './app/helpers';
import { FakeDfdg } from './support/fakeDfdg';
import { CPR_A } from './support/fixtures';
import { tempDataDir } from './support/tmp';

const at = new Date('2026-11-22T09:00:00.000Z');

function memory() {
  const lines: { line: string; level: LogLevel }[] = [];
  const log = createLogger({ sinks: [{ write: (line, level) => lines.push({ line, level }) }], clock: () => at, minLevel: 'debug' });
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l.line) as { t: string; level: string; msg: string; fields?: Record<string, unknown> }) };
}

describe('redacting logger', () => {
  it('writes one line of JSON with time, level, message and fields', () => {
    const m = memory();
    m.log('info', 'outbox: drained', { sent: 3, online: true, commandId: 'c-1' });
    expect(m.lines).toHaveLength(1);
    expect(m.lines[0]!.line).not.toContain('\n');
    expect(m.parsed()[0]).toEqual({ t: '2026-11-22T09:00:00.000Z', level: 'info', msg: 'outbox: drained', fields: { sent: 3, online: true, commandId: 'c-1' } });
  });

  it('replaces CPR numbers in the message and in nested field values, with or without the dash', () => {
    const m = memory();
    m.log('warn', `lookup of ${CPR_A} and 020285-1111 failed`, {
      label: 'borger 0303792222',
      nested: { list: ['x 010190-1234 y', { deeper: 'cpr=1111111118' }], count: 2 },
      asNumber: 101901234,
      // Not CPR-like: longer numbers, short codes, ids.
      epochMs: 1795338000000,
      code: 4575,
      id: '3f1e2d4c-0000-4000-8000-123456789012',
    });
    const line = m.lines[0]!.line;
    for (const cpr of [CPR_A, '020285-1111', '0303792222', '010190-1234', '1111111118', '101901234']) expect(line).not.toContain(cpr);
    const p = m.parsed()[0]!;
    expect(p.msg).toBe('lookup of [cpr] and [cpr] failed');
    expect(p.fields).toEqual({
      label: 'borger [cpr]',
      nested: { list: ['x [cpr] y', { deeper: 'cpr=[cpr]' }], count: 2 },
      asNumber: '[cpr]',
      epochMs: 1795338000000,
      code: 4575,
      id: '3f1e2d4c-0000-4000-8000-123456789012',
    });
  });

  it('drops fields named body, text, subject, cpr or name, at any depth', () => {
    const m = memory();
    m.log('info', 'message queued', {
      body: 'Kære Anna, vi indstiller dig til virksomhedspraktik.',
      subject: 'Indstilling om tilbud',
      Text: 'fri tekst',
      cpr: 'not even CPR-like',
      name: 'Anna Jensen',
      citizenName: 'Anna Jensen',
      fileName: 'anna-jensen.pdf',
      draft: { subject: 'hemmelig', body: 'hemmelig', kind: 11 },
      kind: 'message.create',
    });
    const line = m.lines[0]!.line;
    for (const secret of ['Kære Anna', 'Indstilling om tilbud', 'fri tekst', 'not even', 'Anna Jensen', 'anna-jensen', 'hemmelig']) expect(line).not.toContain(secret);
    expect(m.parsed()[0]!.fields).toEqual({ draft: { kind: 11 }, kind: 'message.create' });
  });

  it('drops the free-text fields a caseworker or citizen fills in: email, comment, query, notes … at any depth', () => {
    const m = memory();
    m.log('info', 'settings saved', {
      email: 'karen.jensen@akasse.dk',
      caseworkerEmail: 'karen@akasse.dk',
      'e-mail': 'k@a.dk',
      comment: 'Borgeren er syg, ring til Anna',
      absenceComment: 'Anna har influenza',
      comments: ['Anna flytter'],
      query: 'Anna Jensen Kragelundvej',
      searchQuery: 'Kragelundvej 4',
      search: 'Kragelundvej',
      q: 'kragelund',
      term: 'kragelund',
      note: 'Anna ringede',
      description: 'Anna har fået job',
      errorMessage: 'Anna findes ikke',
      address: 'Kragelundvej 4',
      phone: '+45 12 34 56 78',
      absence: { type: 11, comment: 'Anna har influenza', start: '2026-12-01' },
      count: 2,
      requestId: 'r-1',
    });
    const line = m.lines[0]!.line;
    for (const secret of ['karen', 'k@a.dk', 'Anna', 'Kragelund', 'kragelund', '12 34']) expect(line).not.toContain(secret);
    expect(m.parsed()[0]!.fields).toEqual({ absence: { type: 11, start: '2026-12-01' }, count: 2, requestId: 'r-1' });
  });

  it('drops indented stack lines ("    at …") from the message and from string fields', () => {
    const m = memory();
    const err = new TypeError('x');
    err.stack = 'TypeError: boom\n    at open (/home/karen.jensen/dfdg/out/main/index.js:10:5)\n\tat async run (C:\\Users\\karen\\app.js:3:1)';
    m.log('error', `request failed\n${err.stack}`, { detail: `first\n    at f (/home/karen.jensen/x.js:1:1)\nlast`, stack: err.stack });
    const line = m.lines[0]!.line;
    expect(line).not.toContain('karen');
    expect(line).not.toMatch(/\bat (open|async|f) /);
    const p = m.parsed()[0]!;
    expect(p.msg).toBe('request failed\nTypeError: boom');
    expect(p.fields).toEqual({ detail: 'first\nlast', stack: 'TypeError: boom' });
  });

  it('names where an unexpected error came from by function and file name, without directories or the message', () => {
    const m = memory();
    const err = new Error(`Anna ${CPR_A}`);
    err.stack = `Error: Anna ${CPR_A}\n    at Object.open (/home/karen.jensen/dfdg/out/main/index.js:10:5)\n    at C:\\Users\\karen\\app.js:3:1`;
    m.log('error', 'ipc: request failed unexpectedly', { channel: 'citizens.open', error: err, frames: stackFrames(err) });
    const p = m.parsed()[0]!;
    expect(p.fields).toEqual({ channel: 'citizens.open', error: { name: 'Error' }, frames: ['Object.open (index.js:10:5)', 'app.js:3:1'] });
    expect(m.lines[0]!.line).not.toContain('karen');
    expect(m.lines[0]!.line).not.toContain('Anna');
  });

  it('writes a DfdgError as its classification only, never its message or DFDG’s text', () => {
    const m = memory();
    const e = new DfdgError({
      code: 4933,
      text: `Teksten »Kære Anna (${CPR_A}), vi indstiller <b>dig</b>« indeholder HTML`,
      service: 'CitizenMessageService',
      operation: 'CreateMessage',
      transient: false,
      httpStatus: 500,
    });
    const tls = new DfdgError({ code: null, kind: 'tls', text: 'certifikat', service: 'FravaerService', operation: 'CreateFravaerMedIdentifier', transient: false });
    m.log('error', 'send failed', { error: e, more: [tls], plain: new TypeError(`bad ${CPR_A} Anna`), core: new CoreError('conflict', 'Anna Jensen er låst') });
    const line = m.lines[0]!.line;
    for (const secret of ['Kære Anna', CPR_A, 'HTML', 'indstiller', 'bad', 'Anna Jensen', 'låst']) expect(line).not.toContain(secret);
    expect(m.parsed()[0]!.fields).toEqual({
      error: { name: 'DfdgError', code: 4933, service: 'CitizenMessageService', operation: 'CreateMessage', kind: 'fault', httpStatus: 500, transient: false },
      more: [{ name: 'DfdgError', code: null, service: 'FravaerService', operation: 'CreateFravaerMedIdentifier', kind: 'tls', httpStatus: null, transient: false }],
      plain: { name: 'TypeError' },
      core: { name: 'CoreError', kind: 'conflict', code: null },
    });
  });

  it('survives circular fields and throwing getters, drops lines below the level, and never throws', () => {
    const lines: string[] = [];
    const log = createLogger({ sinks: [{ write: (l) => lines.push(l) }, { write: () => { throw new Error('disk full'); } }], clock: () => at });
    const a: Record<string, unknown> = { n: 1 };
    a.self = a;
    const evil = Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(() => log('info', 'odd', { a, evil })).not.toThrow();
    log('debug', 'not written at the default level');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'odd', fields: { a: { n: 1, self: '[circular]' }, evil: { x: '[unreadable]' } } });
  });

  it('the console sink writes warnings and errors to their streams', () => {
    const target = { log: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const log = createLogger({ sinks: [consoleSink(target)], clock: () => at });
    log('info', 'a');
    log('warn', 'b');
    log('error', `c ${CPR_A}`);
    expect(target.log).toHaveBeenCalledTimes(1);
    expect(target.warn).toHaveBeenCalledTimes(1);
    expect(String(target.error.mock.calls[0]![0])).toContain('c [cpr]');
  });
});

describe('file sink', () => {
  const tmp = tempDataDir('dfdg-log-');
  afterEach(() => fs.rmSync(path.join(tmp.dir, 'logs'), { recursive: true, force: true }));
  afterAll(() => tmp.cleanup());

  it('appends to a file in a new directory and rotates it to .1 by size', () => {
    const file = path.join(tmp.dir, 'logs', 'dfdg-desk.log');
    const log = createLogger({ sinks: [fileSink(file, { maxBytes: 250 })], clock: () => at });
    for (let i = 0; i < 10; i++) log('info', `line ${i}`, { i });
    const current = fs.readFileSync(file, 'utf8').trim().split('\n');
    const rotated = fs.readFileSync(`${file}.1`, 'utf8').trim().split('\n');
    expect(fs.statSync(file).size).toBeLessThanOrEqual(250);
    expect(fs.statSync(`${file}.1`).size).toBeLessThanOrEqual(250);
    // The newest lines are in the file, the ones before them in .1, in order; older ones are gone.
    const all = [...rotated, ...current].map((l) => (JSON.parse(l) as { fields: { i: number } }).fields.i);
    expect(all.at(-1)).toBe(9);
    expect(all).toEqual([...all].sort((x, y) => x - y));
    expect(all.length).toBeLessThan(10);
    // A new sink on the same file continues from its size.
    const again = createLogger({ sinks: [fileSink(file, { maxBytes: 250 })], clock: () => at });
    again('info', 'after restart');
    expect(fs.readFileSync(file, 'utf8')).toContain('after restart');
    expect(fs.statSync(file).size).toBeLessThanOrEqual(250);
  });
});

describe('createCore with the logger', () => {
  let rig: CoreRig | null = null;
  const tmp = tempDataDir('dfdg-corelog-');
  afterEach(async () => {
    await rig?.close();
    rig = null;
  });
  afterAll(() => tmp.cleanup());

  it('its lines reach the log file, redacted', async () => {
    const file = path.join(tmp.dir, 'logs', 'dfdg-desk.log');
    const log = createLogger({ sinks: [fileSink(file)] });
    const refused = (operation: string) =>
      new DfdgError({ code: null, kind: 'tls', transient: false, service: 'FravaerService', operation, text: `Afvist for ${CPR_A}` });
    const fake = new FakeDfdg();
    seedCitizen(fake, CPR_A);
    rig = await makeCore({
      fake,
      over: {
        log,
        clientsFactory: () => {
          const c = fake.clients();
          return { ...c, fravaer: { ...c.fravaer, createFravaer: () => Promise.reject(refused('CreateFravaerMedIdentifier')) } };
        },
      },
    });
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'citizen-page' });
    const { commandId } = await rig.call('absences.create', { cpr: CPR_A, input: { type: 10, start: '2026-12-01', end: null, comment: 'Kære Anna', notificationDate: '2026-11-22', endReason: null } });
    const until = Date.now() + 5_000;
    const read = () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
    while (!read().includes('secure connection refused')) {
      if (Date.now() > until) throw new Error(`no engine line in the log file: ${read()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const lines = read().trim().split('\n').map((l) => JSON.parse(l) as { level: string; msg: string; fields?: Record<string, unknown> });
    const held = lines.find((l) => l.msg.includes('secure connection refused'))!;
    expect(held).toMatchObject({ level: 'warn', fields: { commandId, kind: 'absence.create', service: 'FravaerService', operation: 'CreateFravaerMedIdentifier' } });
    expect(read()).not.toContain(CPR_A);
    expect(read()).not.toContain('Kære Anna');
  });
});
