import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher, registerEventForwarding, type CoreOn } from '../../../main/core/ipc';
import { CoreError } from '../../../main/core/errors';
import { DfdgError } from '../../../main/core/dfdg/errors';
import { zIpcError } from '../../../shared/contract';
import { eventNames, type EventName, type IpcResult } from '../../../shared/ipc';
import { recordingHandlers } from './helpers';

const CPR = '0101901234';

function expectError(r: IpcResult<unknown>) {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('unreachable');
  expect(zIpcError.parse(r.error)).toEqual(r.error);
  return r.error;
}

afterEach(() => vi.restoreAllMocks());

describe('createDispatcher: requests', () => {
  it('passes a valid request, parsed, to its handler and returns the result', async () => {
    const { handlers, calls } = recordingHandlers((c, req) => ({ echoed: req, channel: c }));
    const dispatch = createDispatcher(handlers);
    const r = await dispatch('citizens.open', { cpr: CPR, purpose: 'search' });
    expect(r).toEqual({ ok: true, data: { echoed: { cpr: CPR, purpose: 'search' }, channel: 'citizens.open' } });
    expect(calls).toEqual([{ channel: 'citizens.open', request: { cpr: CPR, purpose: 'search' } }]);
  });

  it('answers unknown-channel for names outside the contract, including inherited names', async () => {
    const { handlers, calls } = recordingHandlers();
    const dispatch = createDispatcher(handlers);
    for (const channel of ['nope', 'toString', '__proto__', 'constructor', 'hasOwnProperty', 42, null, undefined, {}, ['citizens.open']]) {
      expect(expectError(await dispatch(channel, {})).kind).toBe('unknown-channel');
    }
    expect(calls).toHaveLength(0);
  });

  it('answers invalid-request with Danish issues (path and message) and never echoes the payload', async () => {
    const { handlers, calls } = recordingHandlers();
    const dispatch = createDispatcher(handlers);
    const secretBody = 'Borgeren har oplyst om sygdom, CPR 010190-1234';
    const err = expectError(await dispatch('drafts.save', { id: 'd1', patch: { body: secretBody.repeat(400), subject: 42, bogus: CPR } }));
    expect(err.kind).toBe('invalid-request');
    expect(err.message).toBe('Forespørgslen er ugyldig.');
    expect(err.issues).toEqual(
      expect.arrayContaining([
        { path: 'patch.body', message: 'Teksten er for lang (højst 10000 tegn).' },
        { path: 'patch.subject', message: 'Forventede tekst.' },
        { path: 'patch', message: 'Forespørgslen indeholder et ukendt felt.' },
      ]),
    );
    const text = JSON.stringify(err);
    expect(text).not.toContain(CPR);
    expect(text).not.toContain('sygdom');
    expect(text).not.toContain('bogus');
    expect(calls).toHaveLength(0);
  });

  it("keeps the schema's own Danish messages (CPR format)", async () => {
    const { handlers } = recordingHandlers();
    const err = expectError(await createDispatcher(handlers)('absences.list', { cpr: '010190-1234' }));
    expect(err.issues).toEqual([{ path: 'cpr', message: 'CPR-nummeret skal være 10 cifre' }]);
  });

  it('says a required field is missing', async () => {
    const { handlers } = recordingHandlers();
    const err = expectError(await createDispatcher(handlers)('drafts.get', {}));
    expect(err.issues).toEqual([{ path: 'id', message: 'Feltet skal udfyldes.' }]);
  });

  it('does not echo record keys from the payload in issue paths', async () => {
    const { handlers } = recordingHandlers();
    const longKey = `x${'y'.repeat(60)}`;
    const err = expectError(await createDispatcher(handlers)('settings.save', { services: { [longKey]: { url: 'ikke en url' } } }));
    expect(JSON.stringify(err)).not.toContain(longKey);
    expect(err.issues!.every((i) => i.path.startsWith('services.'))).toBe(true);
  });
});

describe('createDispatcher: hostile payloads never reach a handler', () => {
  it('refuses __proto__, constructor and prototype keys at any depth, and leaves Object.prototype alone', async () => {
    const { handlers, calls } = recordingHandlers();
    const dispatch = createDispatcher(handlers);
    const payloads = [
      JSON.parse('{"cpr":"0101901234","__proto__":{"polluted":true}}'),
      JSON.parse('{"services":{"__proto__":{"url":"https://evil.example"}}}'),
      JSON.parse('{"id":"d1","patch":{"recommendation":{"company":{"constructor":{"prototype":{"polluted":true}}}}}}'),
      { id: 'd1', prototype: 1 },
    ];
    for (const [i, p] of payloads.entries()) {
      const channel = (['absences.list', 'settings.save', 'drafts.save', 'drafts.get'] as const)[i]!;
      const err = expectError(await dispatch(channel, p));
      expect(err.kind).toBe('invalid-request');
      expect(err.issues![0]!.message).toBe('Ugyldig nøgle.');
    }
    expect(calls).toHaveLength(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses inherited properties, getters, proxies and class instances without running them', async () => {
    const { handlers, calls } = recordingHandlers();
    const dispatch = createDispatcher(handlers);
    let touched = 0;
    const inherited = Object.create({ id: 'd1' }) as object;
    const getter = Object.defineProperty({}, 'id', { enumerable: true, get: () => (touched++, 'd1') });
    const proxy = new Proxy({ id: 'd1' }, { get: (t, k) => (touched++, Reflect.get(t, k)), ownKeys: (t) => (touched++, Reflect.ownKeys(t)) });
    class Req {
      id = 'd1';
    }
    for (const p of [inherited, getter, proxy, new Req(), new Map([['id', 'd1']]), new Date(), () => 'd1', Symbol('x')]) {
      expect(expectError(await dispatch('drafts.get', p)).kind).toBe('invalid-request');
    }
    expect(touched).toBe(0);
    expect(calls).toHaveLength(0);
  });

  it('refuses a payload nested deeper than any request needs without overflowing the stack', async () => {
    const { handlers, calls } = recordingHandlers();
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const err = expectError(await createDispatcher(handlers)('drafts.save', { id: 'd1', patch: deep }));
    expect(err.kind).toBe('invalid-request');
    expect(calls).toHaveLength(0);
  });

  it('accepts bytes as Uint8Array (and Buffer) and refuses other typed arrays where bytes belong', async () => {
    const { handlers, calls } = recordingHandlers();
    const dispatch = createDispatcher(handlers);
    expect((await dispatch('attachments.add', { draftId: 'd1', fileName: 'a.pdf', bytes: new Uint8Array([1, 2]) })).ok).toBe(true);
    expect((await dispatch('attachments.add', { draftId: 'd1', fileName: 'a.pdf', bytes: Buffer.from([1, 2]) })).ok).toBe(true);
    // An object whose prototype is a Uint8Array passes `instanceof` but is not bytes.
    const fake = Object.create(new Uint8Array(4)) as Uint8Array;
    for (const bytes of [new Uint16Array(2), new Float64Array(1), new ArrayBuffer(2), 'AQI=', [1, 2], fake]) {
      expect(expectError(await dispatch('attachments.add', { draftId: 'd1', fileName: 'a.pdf', bytes })).kind).toBe('invalid-request');
    }
    expect(calls).toHaveLength(2);
  });
});

describe('createDispatcher: errors from handlers', () => {
  it('passes a CoreError through with its kind, message, code and findings', async () => {
    const findings = [{ ruleId: 'MSG11_CHANNEL', severity: 'error' as const, message: 'Indstilling om tilbud skal sendes på kanal 4.' }];
    const { handlers } = recordingHandlers(() => {
      throw new CoreError('rules', 'Beskeden kan ikke sendes endnu.', { findings });
    });
    const err = expectError(await createDispatcher(handlers)('drafts.submit', { id: 'd1' }));
    expect(err).toEqual({ kind: 'rules', message: 'Beskeden kan ikke sendes endnu.', findings });
  });

  it("maps a DFDG rejection to kind 'dfdg' with DFDG's code and a Danish explanation", async () => {
    const { handlers } = recordingHandlers(() => {
      throw new DfdgError({ code: 4575, text: 'Access denied for 0101901234', service: 'PersonStatusService', operation: 'GetVariablePersonStatus', transient: false });
    });
    const err = expectError(await createDispatcher(handlers)('citizens.refresh', { cpr: CPR }));
    expect(err.kind).toBe('dfdg');
    expect(err.code).toBe(4575);
    expect(err.message).toMatch(/adgang/);
    expect(err.message).not.toContain(CPR);
  });

  it("maps a transient DFDG failure (network, 5xx) to kind 'offline'", async () => {
    const { handlers } = recordingHandlers(() => {
      throw new DfdgError({ code: null, text: 'ECONNRESET', service: 'FravaerService', operation: 'GetAlleFravaer', transient: true });
    });
    const err = expectError(await createDispatcher(handlers)('absences.list', { cpr: CPR }));
    expect(err.kind).toBe('offline');
    expect(err.message).toMatch(/DFDG kan ikke nås/);
  });

  it("names the proxy when it is the cause, still as kind 'offline', never as \"DFDG kan ikke nås\"", async () => {
    const text = 'Proxyen proxy.kommune.dk:8080 afviste forbindelsen til DFDG (HTTP 403). Kontrollér proxy-indstillingen under Indstillinger → Proxy til DFDG, eller kontakt jeres it-afdeling.';
    const { handlers } = recordingHandlers(() => {
      throw new DfdgError({ code: null, text, service: 'FravaerService', operation: 'GetAlleFravaer', transient: true, kind: 'proxy' });
    });
    const err = expectError(await createDispatcher(handlers)('absences.list', { cpr: CPR }));
    expect(err).toMatchObject({ kind: 'offline', code: null, message: `${text} Det, du har gemt, er ikke gået tabt.` });
    expect(err.message).not.toMatch(/DFDG kan ikke nås/);
  });

  it("says DFDG's answer could not be read (e.g. over the size cap) in its own words, not that DFDG refused", async () => {
    const text = "DFDG's svar var større end 32 MB og blev ikke læst færdigt.";
    const { handlers } = recordingHandlers(() => {
      throw new DfdgError({ code: null, text, service: 'CitizenMessageService', operation: 'GetCitizenMessageDocument', transient: false, kind: 'protocol' });
    });
    const err = expectError(await createDispatcher(handlers)('absences.list', { cpr: CPR }));
    expect(err).toEqual({ kind: 'dfdg', code: null, message: `${text} Prøv igen. Hvis fejlen bliver ved, så kontakt support.` });
    expect(err.message).not.toMatch(/afviste/);
  });

  it('explains a refused certificate on a direct request as a certificate problem, not as offline or a rejection', async () => {
    for (const transient of [false, true]) {
      const { handlers } = recordingHandlers(() => {
        throw new DfdgError({ code: null, text: 'unable to verify the first certificate', service: 'PersonStatusService', operation: 'GetVariablePersonStatus', transient, kind: 'tls' });
      });
      const err = expectError(await createDispatcher(handlers)('citizens.refresh', { cpr: CPR }));
      expect(err.kind).toBe(transient ? 'offline' : 'dfdg');
      expect(err.code).toBeNull();
      expect(err.message).toMatch(/sikre forbindelse til DFDG blev afvist/);
      expect(err.message).toMatch(/Indstillinger → Certifikat/);
      expect(err.message).not.toMatch(/kan ikke nås|udbakken/);
    }
  });

  it("turns anything else into 'internal' with a generic Danish message and reports it", async () => {
    const onError = vi.fn();
    const thrown: unknown[] = [new Error(`SQLITE_CONSTRAINT for ${CPR}`), 'a string', null, undefined, { weird: true }];
    for (const t of thrown) {
      const { handlers } = recordingHandlers(() => {
        throw t;
      });
      const err = expectError(await createDispatcher(handlers, { onError })('drafts.get', { id: 'd1' }));
      expect(err.kind).toBe('internal');
      expect(err.message).toMatch(/uventet fejl/);
      expect(JSON.stringify(err)).not.toContain(CPR);
    }
    expect(onError).toHaveBeenCalledTimes(thrown.length);
    expect(onError.mock.calls[0]![0]).toBe('drafts.get');
  });

  it('logs an unexpected error by name and stack frames only, never its message', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { handlers } = recordingHandlers(() => {
      throw new TypeError(`cannot read body "Kære ${CPR}"`);
    });
    await createDispatcher(handlers)('drafts.get', { id: 'd1' });
    expect(log).toHaveBeenCalledTimes(1);
    const line = String(log.mock.calls[0]![0]);
    expect(line).toContain('[ipc] drafts.get: TypeError');
    expect(line).not.toContain(CPR);
    expect(line).not.toContain('Kære');
  });

  it('survives an onError that throws, and a handler object missing a channel', async () => {
    const { handlers } = recordingHandlers(() => {
      throw new Error('boom');
    });
    const dispatch = createDispatcher(handlers, {
      onError: () => {
        throw new Error('reporter down');
      },
    });
    expect(expectError(await dispatch('drafts.get', { id: 'd1' })).kind).toBe('internal');
    const partial = { ...handlers } as Record<string, unknown>;
    delete partial['drafts.get'];
    const err = expectError(await createDispatcher(partial as never, { onError: () => undefined })('drafts.get', { id: 'd1' }));
    expect(err.kind).toBe('internal');
  });
});

describe('createDispatcher: response validation (tests and development)', () => {
  it('refuses a handler result that breaks the response schema and reports it', async () => {
    const onError = vi.fn();
    const { handlers } = recordingHandlers(() => ({ drafts: [{ id: 1 }] }));
    const err = expectError(await createDispatcher(handlers, { validateResponses: true, onError })('drafts.list', {}));
    expect(err.kind).toBe('internal');
    expect(onError).toHaveBeenCalledWith('drafts.list', expect.any(TypeError));
  });

  it('passes a valid result (without extra fields) when validating, and anything when not', async () => {
    const { handlers } = recordingHandlers(() => ({ templates: [], internalSecret: 'x' }));
    expect(await createDispatcher(handlers, { validateResponses: true })('templates.list', {})).toEqual({ ok: true, data: { templates: [] } });
    expect(await createDispatcher(handlers)('templates.list', {})).toEqual({ ok: true, data: { templates: [], internalSecret: 'x' } });
  });
});

describe('registerEventForwarding', () => {
  function fakeCore() {
    const listeners = new Map<EventName, Set<(p: unknown) => void>>();
    const on = ((event: EventName, listener: (p: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    }) as CoreOn;
    const emit = (event: EventName, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
    return { on, emit, count: () => [...listeners.values()].reduce((n, s) => n + s.size, 0) };
  }

  it('forwards every contract event with its payload, and stops when unsubscribed', () => {
    const core = fakeCore();
    const sent: [string, unknown][] = [];
    const off = registerEventForwarding(core.on, (e, p) => sent.push([e, p]));
    expect(core.count()).toBe(eventNames.length);
    core.emit('inbox.changed', { open: 3 });
    core.emit('connectivity.changed', { online: false, reason: 'DFDG svarer ikke' });
    expect(sent).toEqual([
      ['inbox.changed', { open: 3 }],
      ['connectivity.changed', { online: false, reason: 'DFDG svarer ikke' }],
    ]);
    off();
    expect(core.count()).toBe(0);
    core.emit('inbox.changed', { open: 4 });
    expect(sent).toHaveLength(2);
  });

  it('with validation, drops and reports an event whose payload breaks its schema', () => {
    const core = fakeCore();
    const sent: unknown[] = [];
    const onError = vi.fn();
    registerEventForwarding(core.on, (e, p) => sent.push([e, p]), { validate: true, onError });
    core.emit('inbox.changed', { open: 'mange' });
    core.emit('inbox.changed', { open: 1 });
    expect(sent).toEqual([['inbox.changed', { open: 1 }]]);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('a failing send does not break the core emitter', () => {
    const core = fakeCore();
    registerEventForwarding(
      core.on,
      () => {
        throw new Error('window gone');
      },
      { onError: () => undefined },
    );
    expect(() => core.emit('sync.progress', { done: 1, total: 2 })).not.toThrow();
  });
});
