// The outbox's outcome policy (main/core/sync/policy.ts) as a table: every row of the policy has at
// least one case here, and the last test fails when a row is added without one.

import { describe, expect, it } from 'vitest';
import type { DfdgErrorInfo } from '../../../shared/domain';
import { ATTEMPT_CAP, ATTEMPT_CAP_UNCERTAIN, decide, RULES, type Attempt, type Decision, type DfdgFailure, type Outcome, type PolicyContext } from '../../../main/core/sync/policy';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T10:00:00.000Z');
/** random() = 0.5: the backoff is ¾ of min(cap, base·2^(n−1)), so delays are exact. */
/** The client's timeout is 15 s: the read-back window. */
const WINDOW = 15_000;
const ctx: PolicyContext = { limits: { baseDelayMs: 1_000, maxDelayMs: 8_000, maxAttempts: 5, budgetMs: 6 * DAY, settleMs: 2_000, readBackWindowMs: WINDOW }, now: NOW, random: () => 0.5 };

const RECEIPT = { messageIdentifier: 'm-1', entityId: 'e-1', eventDate: null };

function info(over: Partial<DfdgErrorInfo> = {}): DfdgErrorInfo {
  return { code: null, text: 'DFDG er midlertidigt utilgængelig (HTTP 503).', service: 'CitizenMessageService', operation: 'CreateMessage', transient: true, httpStatus: 503, ...over };
}

function dfdg(over: Partial<Omit<DfdgFailure, 'source'>> = {}): DfdgFailure {
  const base = { kind: 'http' as const, code: null, httpStatus: 503, transient: true, ambiguous: false, unreachable: false, ...over };
  return { source: 'dfdg', ...base, info: over.info ?? info({ code: base.code, httpStatus: base.httpStatus, transient: base.transient }) };
}

const UNAVAILABLE = dfdg();
const TIMEOUT_AFTER_WRITE = dfdg({ kind: 'timeout', httpStatus: null, ambiguous: true, unreachable: true, info: info({ httpStatus: null, text: 'DFDG svarede ikke inden for 15 sekunder.' }) });
const REFUSED_CONNECTION = dfdg({ kind: 'network', httpStatus: null, unreachable: true, info: info({ httpStatus: null, text: 'DFDG kunne ikke nås: forbindelsen blev afvist.' }) });
const UNTRUSTED = dfdg({ kind: 'tls', httpStatus: null, transient: false, unreachable: true, info: info({ httpStatus: null, transient: false, text: 'Serverens certifikat er ikke udstedt af den CA, der er sat op.' }) });
const HANDSHAKE = dfdg({ kind: 'tls', httpStatus: null, transient: true, unreachable: true, info: info({ httpStatus: null, text: 'Den sikre forbindelse (TLS) til DFDG kunne ikke oprettes.' }) });
const CANCELLED = dfdg({ kind: 'cancelled', httpStatus: null, info: info({ httpStatus: null, text: 'Kaldet til DFDG blev afbrudt.' }) });
const REPLAY_412 = dfdg({ kind: 'fault', code: 412, httpStatus: 412, transient: false, info: info({ code: 412, httpStatus: 412, transient: false, service: 'FravaerService', text: 'x-requestId er brugt før' }) });
const REPLAY_4977 = dfdg({ kind: 'fault', code: 4977, httpStatus: 400, transient: false, info: info({ code: 4977, httpStatus: 400, transient: false, service: 'FravaerService', text: 'Fraværet findes allerede' }) });
const HTML_REFUSED = dfdg({ kind: 'fault', code: 4933, httpStatus: 500, transient: false, info: info({ code: 4933, httpStatus: 500, transient: false, text: 'Brødteksten må ikke indeholde HTML' }) });
/** A 200 whose body the client could not read (cut off, not the contract's XML): DFDG may well have applied it. */
const UNREADABLE_200 = dfdg({ kind: 'protocol', httpStatus: 200, transient: false, ambiguous: true, info: info({ httpStatus: 200, transient: false, text: "DFDG's svar kunne ikke læses (ugyldig XML)." }) });
const ACCESS_WITHDRAWN = dfdg({ kind: 'fault', code: 4575, httpStatus: 500, transient: false, info: info({ code: 4575, httpStatus: 500, transient: false, operation: 'GetCitizenMessages', text: 'Ingen adgang til borgeren' }) });

/** A claimed, counted first try of a message that had not been tried before. */
function attempt(over: Partial<Attempt> = {}): Attempt {
  return { kind: 'message.create', attempts: 1, counted: true, uncertain: false, probe: false, firstAttemptAt: NOW - 60_000, uncertainForMs: null, ...over };
}
/** A read-back of an uncertain command: not a claimed try; by default the window is over. */
const readingBack = (over: Partial<Attempt> = {}) => attempt({ counted: false, uncertain: true, uncertainForMs: WINDOW, ...over });
/** Not tried yet (no budget started). */
const fresh = (over: Partial<Attempt> = {}) => attempt({ attempts: 0, counted: false, firstAttemptAt: null, ...over });

const fail = (failure: Outcome extends infer O ? (O extends { type: 'failed'; failure: infer F } ? F : never) : never): Outcome => ({ type: 'failed', failure });

/** `expected`: the decision's fields that matter (toMatchObject). */
type Case = [what: string, outcome: Outcome, attempt: Attempt, expected: { next: Decision['next']; row: string } & Record<string, unknown>];

const cases: Case[] = [
  // DFDG has it.
  ['DFDG answered: sent', { type: 'answered', receipt: RECEIPT }, attempt(), { next: 'sent', receipt: RECEIPT, row: 'answered' }],
  ['the read-back found it: sent, no second call', { type: 'read-back', found: true, receipt: RECEIPT }, readingBack(), { next: 'sent', receipt: RECEIPT, row: 'read-back found it' }],

  // Before a call.
  ['a payload that no longer validates is quarantined, not dropped', { type: 'unreadable' }, fresh(), { next: 'rejected', error: { service: 'local:quarantined' }, row: 'unreadable payload' }],
  [
    'the configuration changed between claim and call: held, the try given back, due at once',
    { type: 'not-configured' },
    attempt(),
    { next: 'held', giveBack: true, delayMs: 0, uncertain: false, error: { service: 'local:not-configured', text: 'DFDG er ikke sat op.' }, row: 'not configured' },
  ],
  ['due and uncertain: read back before anything is sent', { type: 'due' }, attempt({ uncertain: true, counted: false }), { next: 'read-back', row: 'due, uncertain: read back first' }],
  [
    'due, uncertain and past its budget: still read back (it may be at DFDG)',
    { type: 'due' },
    attempt({ uncertain: true, counted: false, firstAttemptAt: NOW - 7 * DAY }),
    { next: 'read-back', row: 'due, uncertain: read back first' },
  ],
  [
    'due, first try more than the budget ago: not sent automatically',
    { type: 'due' },
    attempt({ counted: false, firstAttemptAt: NOW - 6 * DAY - 1 }),
    { next: 'rejected', error: { service: 'local:too-old' }, row: 'time budget spent' },
  ],
  ['due: claim and send', { type: 'due' }, fresh(), { next: 'send', row: 'due' }],
  ['due, at the edge of the budget: send', { type: 'due' }, attempt({ counted: false, firstAttemptAt: NOW - 6 * DAY }), { next: 'send', row: 'due' }],

  // The read-back did not find it.
  [
    'read back 2 s after a timeout, not there: look again (DFDG may still apply it), a third of the window later',
    { type: 'read-back', found: false, replay: null },
    readingBack({ uncertainForMs: 2_000 }),
    { next: 'read-back-later', delayMs: 5_000, row: 'read-back: not there yet, look again within the window' },
  ],
  [
    'not there 14 s after: the last look when the window is over, not later',
    { type: 'read-back', found: false, replay: null },
    readingBack({ uncertainForMs: 14_000 }),
    { next: 'read-back-later', delayMs: 2_000, row: 'read-back: not there yet, look again within the window' },
  ],
  [
    'not there, within the window and past the budget: still looked for before anything else',
    { type: 'read-back', found: false, replay: null },
    readingBack({ uncertainForMs: 0, firstAttemptAt: NOW - 7 * DAY }),
    { next: 'read-back-later', delayMs: 5_000, row: 'read-back: not there yet, look again within the window' },
  ],
  ['read back after an uncertain outcome, not there when the window (the client timeout) is over: send', { type: 'read-back', found: false, replay: null }, readingBack(), { next: 'send', row: 'read-back: not there, send' }],
  [
    'read back after an uncertain outcome, not there, past the budget: not resent',
    { type: 'read-back', found: false, replay: null },
    readingBack({ firstAttemptAt: NOW - 7 * DAY }),
    { next: 'rejected', error: { service: 'local:too-old' }, row: 'time budget spent' },
  ],
  [
    '412 and the effect is not at DFDG: a new x-requestId, tried again at once',
    { type: 'read-back', found: false, replay: REPLAY_412 },
    attempt({ kind: 'absence.create', counted: false }),
    { next: 'retry', renewRequestId: true, delayMs: 0, uncertain: false, attemptDelta: 0, error: { code: 412 }, row: 'read-back: 412 without effect, new x-requestId' },
  ],
  [
    '4977 and the effect is not at DFDG: rejected with DFDG’s code',
    { type: 'read-back', found: false, replay: REPLAY_4977 },
    attempt({ kind: 'absence.create', counted: false }),
    { next: 'rejected', error: { code: 4977, service: 'FravaerService' }, row: 'read-back: 4977 without effect' },
  ],

  // The call failed.
  [
    'refused locally (an attachment is gone): rejected with the reason',
    fail({ source: 'local', reason: 'attachment-missing', text: 'Bilaget "a.pdf" findes ikke længere på denne computer.' }),
    attempt(),
    { next: 'rejected', error: { service: 'local:attachment-missing', text: 'Bilaget "a.pdf" findes ikke længere på denne computer.' }, row: 'refused locally' },
  ],
  [
    'an unexpected error after the call may have gone out: uncertain, read back after the settle time',
    fail({ source: 'unknown' }),
    attempt(),
    { next: 'retry', uncertain: true, attemptDelta: 0, delayMs: 2_000, error: { service: 'local:gave-up', text: 'Uventet fejl under afsendelse' }, row: 'unexpected error: uncertain' },
  ],
  ['stopped mid-call (the app closes): aborted, read back on the next start', fail(CANCELLED), attempt(), { next: 'aborted', error: { text: 'Kaldet til DFDG blev afbrudt.' }, row: 'stopped mid-call' }],
  [
    'the server certificate is not trusted: held, no attempt used, the probes decide when',
    fail(UNTRUSTED),
    attempt({ attempts: 99 }),
    { next: 'held', giveBack: true, delayMs: 0, uncertain: false, error: { kind: 'tls' }, row: 'secure connection refused' },
  ],
  [
    'a transient handshake failure: held and waits like a network failure (backoff on the tries that count)',
    fail(HANDSHAKE),
    attempt({ attempts: 3 }),
    { next: 'held', giveBack: true, delayMs: 1_500, uncertain: false, error: { kind: 'tls' }, row: 'secure connection refused' },
  ],
  [
    'a refused handshake during the read-back: still uncertain, nothing given back (the read-back was no try)',
    fail(UNTRUSTED),
    readingBack(),
    { next: 'held', giveBack: false, delayMs: 2_000, uncertain: true, error: { kind: 'tls' }, row: 'secure connection refused' },
  ],
  ['412: DFDG has seen this request id: read back', fail(REPLAY_412), attempt({ kind: 'absence.create' }), { next: 'read-back', row: 'already seen (412/4977): read back' }],
  ['4977: DFDG has this id: read back', fail(REPLAY_4977), attempt({ kind: 'absence.create' }), { next: 'read-back', row: 'already seen (412/4977): read back' }],
  [
    'an offline probe that did not get through: no attempt (the claim is given back)',
    fail(REFUSED_CONNECTION),
    attempt({ attempts: 4, probe: true }),
    { next: 'retry', attemptDelta: -1, uncertain: false, delayMs: 3_000, row: 'offline probe: no attempt' },
  ],
  [
    'the read-back of an offline probe did not get through: no attempt either',
    fail(REFUSED_CONNECTION),
    readingBack({ attempts: 4, probe: true }),
    { next: 'retry', attemptDelta: 0, uncertain: true, delayMs: 6_000, row: 'offline probe: no attempt' },
  ],
  [
    'a probe that reached DFDG and got a 503 counts',
    fail(UNAVAILABLE),
    attempt({ probe: true }),
    { next: 'retry', attemptDelta: 0, uncertain: false, delayMs: 750, row: 'transient: retry' },
  ],
  ['503: retry with backoff', fail(UNAVAILABLE), attempt({ attempts: 2 }), { next: 'retry', attemptDelta: 0, uncertain: false, delayMs: 1_500, error: { httpStatus: 503 }, row: 'transient: retry' }],
  [
    'a timeout after the request was written: uncertain, read back no sooner than the settle time',
    fail(TIMEOUT_AFTER_WRITE),
    attempt(),
    { next: 'retry', attemptDelta: 0, uncertain: true, delayMs: 2_000, row: 'transient: retry' },
  ],
  [
    'the backoff is capped',
    fail(UNAVAILABLE),
    attempt({ attempts: 4, kind: 'absence.create' }),
    { next: 'retry', delayMs: 6_000, row: 'transient: retry' },
  ],
  [
    'a read-back that fails on the way counts like a try, and the command stays uncertain',
    fail(UNAVAILABLE),
    readingBack({ attempts: 2 }),
    { next: 'retry', attemptDelta: 1, uncertain: true, delayMs: 3_000, row: 'transient: retry' },
  ],
  [
    'the read-back is refused (access withdrawn): never resend blind',
    fail(ACCESS_WITHDRAWN),
    readingBack(),
    { next: 'retry', attemptDelta: 1, uncertain: true, delayMs: 2_000, error: { code: 4575 }, row: 'read-back refused: stay uncertain' },
  ],
  [
    'an answer that could not be read (a 200 cut off): uncertain, read back after the settle time, never rejected',
    fail(UNREADABLE_200),
    attempt(),
    { next: 'retry', attemptDelta: 0, uncertain: true, delayMs: 2_000, error: { httpStatus: 200 }, row: 'ambiguous answer: uncertain, read back' },
  ],
  ['DFDG refuses the command: rejected with its code', fail(HTML_REFUSED), attempt(), { next: 'rejected', error: { code: 4933, transient: false }, row: 'rejected by DFDG' }],

  // The attempt cap.
  [
    'the last attempt failed: given up, shown as rejected with the last error',
    fail(UNAVAILABLE),
    attempt({ attempts: 5 }),
    { next: 'rejected', error: { service: 'local:gave-up', text: 'Opgivet efter 5 forsøg: DFDG er midlertidigt utilgængelig (HTTP 503).' }, row: ATTEMPT_CAP },
  ],
  [
    'a failed read-back that reaches the cap: not given up (it may be at DFDG; shown as refused it would be sent again), read back at the longest delay',
    fail(UNAVAILABLE),
    readingBack({ attempts: 4 }),
    { next: 'retry', uncertain: true, attemptDelta: 0, delayMs: 8_000, error: { httpStatus: 503 }, row: ATTEMPT_CAP_UNCERTAIN },
  ],
  [
    'an unreadable answer on the last attempt: still uncertain, not given up',
    fail(UNREADABLE_200),
    attempt({ attempts: 5 }),
    { next: 'retry', uncertain: true, delayMs: 8_000, row: ATTEMPT_CAP_UNCERTAIN },
  ],
  [
    'an offline probe at the cap gives its try back: not given up',
    fail(REFUSED_CONNECTION),
    attempt({ attempts: 5, probe: true }),
    { next: 'retry', attemptDelta: -1, row: 'offline probe: no attempt' },
  ],
];

describe('outbox policy: decide(outcome, attempt, context)', () => {
  it.each(cases)('%s', (_what, outcome, a, expected) => {
    const d = decide(outcome, a, ctx);
    expect(d).toMatchObject(expected);
    // Pure: the same arguments give the same decision.
    expect(decide(outcome, a, ctx)).toEqual(d);
  });

  it('measures the time budget on the wall clock it is given, and nothing else', () => {
    const a = attempt({ counted: false, firstAttemptAt: NOW - 5 * DAY });
    expect(decide({ type: 'due' }, a, ctx).next).toBe('send');
    expect(decide({ type: 'due' }, a, { ...ctx, now: NOW + 2 * DAY }).next).toBe('rejected');
  });

  it('has a case for every row of the table', () => {
    const covered = new Set(cases.map(([, outcome, a]) => decide(outcome, a, ctx).row));
    expect([...RULES.map((r) => r.row), ATTEMPT_CAP, ATTEMPT_CAP_UNCERTAIN].filter((row) => !covered.has(row))).toEqual([]);
  });
});
