// The outbox's outcome policy: what happens to a command after each thing that can happen to it (it
// comes due, DFDG answers, the call fails, a read-back answers), as one pure function of the outcome,
// the attempt and the policy's context. The exactly-once rules live here and only here; the engine
// (engine.ts) carries the decisions out (state transitions, timers) and decides nothing itself.
//
// The rules are a table, read top to bottom: the first row whose `when` holds decides. A new rule is
// one row. test/core/sync/policy.test.ts has a case for every row (and fails when a row has none).

import type { DfdgErrorInfo } from '../../../shared/domain';
import { isDfdgError, type DfdgErrorKind } from '../dfdg/errors';
import { backoffDelay } from './backoff';
import { isUnreachable } from './connectivity';
import { LocalCommandError } from './executors';
import { localError, type LocalErrorReason, type Receipt } from './outbox';

/** A failed call (or read-back) as the policy sees it. */
export type Failure =
  | {
      source: 'dfdg';
      kind: DfdgErrorKind;
      code: number | null;
      httpStatus: number | null;
      transient: boolean;
      /** The request may have reached DFDG and been applied although no answer came back. */
      ambiguous: boolean;
      /** Nothing reached DFDG: it could not be reached (network, timeout, handshake). */
      unreachable: boolean;
      info: DfdgErrorInfo;
    }
  /** Refused on our side before anything was sent (e.g. an attachment is gone). */
  | { source: 'local'; reason: LocalErrorReason; text: string }
  /** Anything else thrown: the call may have gone out. */
  | { source: 'unknown' };

export type DfdgFailure = Extract<Failure, { source: 'dfdg' }>;

export type Outcome =
  /** The command is its citizen's next and its wait is over. */
  | { type: 'due' }
  /** Its stored payload no longer validates. */
  | { type: 'unreadable' }
  /** The configuration changed between the claim and the call: nothing went out. */
  | { type: 'not-configured' }
  /** DFDG confirmed the call. */
  | { type: 'answered'; receipt: Receipt }
  /** The call, or the read-back, failed. */
  | { type: 'failed'; failure: Failure }
  /** The read-back found the command's effect at DFDG. */
  | { type: 'read-back'; found: true; receipt: Receipt }
  /** The read-back did not find it; `replay`: it was read back because DFDG said it had seen the request (412/4977). */
  | { type: 'read-back'; found: false; replay: DfdgFailure | null };

/** The try the outcome belongs to. */
export interface Attempt {
  /** The command kind (named on the outbox's own errors). */
  kind: string;
  /** Tries counted so far, as stored (including this one when it was counted). */
  attempts: number;
  /** This try was counted when it was claimed (a read-back is not). */
  counted: boolean;
  /** The command may already be at DFDG: its read-back has not answered yet. */
  uncertain: boolean;
  /** Sent while offline, to find out whether DFDG is back. */
  probe: boolean;
  /** When the first try that could have reached DFDG went out (wall clock, ms); null before. */
  firstAttemptAt: number | null;
  /**
   * How long the command has been uncertain (ms, monotonic): since the outcome that made it so, or,
   * after a restart, since this run first saw it uncertain. null when it is not uncertain.
   */
  uncertainForMs: number | null;
}

export interface PolicyLimits {
  /** First retry delay (ms). */
  baseDelayMs: number;
  /** Longest retry delay (ms). */
  maxDelayMs: number;
  /** Counted tries before a command is given up (shown as rejected, never dropped). */
  maxAttempts: number;
  /**
   * Time from the first try that could have reached DFDG after which a command is not sent
   * automatically (DFDG remembers an x-requestId for 7 days, so a replay is recognised within it).
   */
  budgetMs: number;
  /** Least wait after an uncertain outcome before the read-back, so a late request lands first. */
  settleMs: number;
  /**
   * How long an uncertain command is looked for at DFDG before it may be sent again: at least the
   * client's timeout (DFDG may still be working on a request the client gave up on).
   */
  readBackWindowMs: number;
}

export interface PolicyContext {
  limits: PolicyLimits;
  /** The wall clock (ms): only for the time budget, which is measured against DFDG's x-requestId window. */
  now: number;
  /** For the backoff's jitter. */
  random: () => number;
}

/** Where the command goes next. `row` names the table row that decided. */
export type Decision =
  /** DFDG has it: recorded as sent (with its local effect) by the next group commit. */
  | { next: 'sent'; receipt: Receipt; row: string }
  /** Refused, or given up: shown to the caseworker with the reason; never sent automatically again. */
  | { next: 'rejected'; error: DfdgErrorInfo; row: string }
  /** Claim it (one more counted try) and call DFDG now. */
  | { next: 'send'; row: string }
  /** Read back now whether DFDG already has it, before anything is sent. */
  | { next: 'read-back'; row: string }
  /** Not found yet, but DFDG may still apply it: stay uncertain and read back again after `delayMs`. */
  | { next: 'read-back-later'; delayMs: number; row: string }
  /**
   * Wait as 'failed' for `delayMs`; `uncertain`: read back before any resend; `attemptDelta` corrects
   * the count (+1 a failed read-back, -1 a try given back); `renewRequestId`: the next try needs a new x-requestId.
   */
  | { next: 'retry'; error: DfdgErrorInfo; delayMs: number; uncertain: boolean; attemptDelta: number; renewRequestId: boolean; row: string }
  /**
   * Held back by something on our side of the line (certificate, configuration): wait as 'failed' for
   * `delayMs`, the try given back when it was counted (DFDG never saw it); no attempt cap applies.
   */
  | { next: 'held'; error: DfdgErrorInfo; delayMs: number; uncertain: boolean; giveBack: boolean; row: string }
  /** Stopped mid-call (the app is closing): may have gone out, so it is read back first on the next start. */
  | { next: 'aborted'; error: DfdgErrorInfo; row: string };

type Rule = { row: string; when: (o: Outcome, a: Attempt, c: PolicyContext) => boolean; then: (o: Outcome, a: Attempt, c: PolicyContext) => Decision };

// --- helpers the rows use -------------------------------------------------------------------------

const failed = (pred: (f: DfdgFailure, a: Attempt) => boolean) => (o: Outcome, a: Attempt) => o.type === 'failed' && o.failure.source === 'dfdg' && pred(o.failure, a);
const dfdgFailure = (o: Outcome): DfdgFailure => (o as { failure: DfdgFailure }).failure;
const notFound = (o: Outcome): o is Extract<Outcome, { type: 'read-back'; found: false }> => o.type === 'read-back' && !o.found;

const REPLAY_CODES = new Set([412, 4977]);
/** Read-backs spread over the read-back window (after the first, at least the settle time apart). */
const READ_BACKS_PER_WINDOW = 3;

/** Uncertain for less than the read-back window: DFDG may still apply the request. */
function withinWindow(a: Attempt, c: PolicyContext): boolean {
  return a.uncertainForMs !== null && a.uncertainForMs < c.limits.readBackWindowMs;
}

/** Past the time budget: the first try that could have reached DFDG was too long ago. */
function tooOld(a: Attempt, c: PolicyContext): boolean {
  return a.firstAttemptAt !== null && c.now - a.firstAttemptAt > c.limits.budgetMs;
}

function backoff(attempts: number, c: PolicyContext): number {
  return backoffDelay(Math.max(1, attempts), { baseMs: c.limits.baseDelayMs, capMs: c.limits.maxDelayMs }, c.random);
}

/** Wait for another try: backoff on the tries that count, never shorter than the settle time when uncertain. */
function retry(
  row: string,
  error: DfdgErrorInfo,
  a: Attempt,
  c: PolicyContext,
  o: { uncertain: boolean; attemptDelta: number; delayMs?: number; renewRequestId?: boolean },
): Decision {
  const attempts = Math.max(0, a.attempts + o.attemptDelta);
  const wait = Math.max(o.delayMs ?? backoff(attempts, c), o.uncertain ? c.limits.settleMs : 0);
  return { next: 'retry', error, delayMs: wait, uncertain: o.uncertain, attemptDelta: o.attemptDelta, renewRequestId: o.renewRequestId ?? false, row };
}

function held(row: string, error: DfdgErrorInfo, a: Attempt, c: PolicyContext, o: { uncertain: boolean; transient: boolean }): Decision {
  // A transient refusal waits like a network failure (backoff on the tries that count); a certificate
  // refusal has taken the app offline, so the probe schedule decides when it is tried again.
  const wait = o.transient ? backoff(a.attempts - (a.counted ? 1 : 0), c) : 0;
  return { next: 'held', error, delayMs: Math.max(wait, o.uncertain ? c.limits.settleMs : 0), uncertain: o.uncertain, giveBack: a.counted, row };
}

const sent = (row: string, receipt: Receipt): Decision => ({ next: 'sent', receipt, row });
const rejected = (row: string, error: DfdgErrorInfo): Decision => ({ next: 'rejected', error, row });

// --- the table ------------------------------------------------------------------------------------

export const RULES: readonly Rule[] = [
  // DFDG has it.
  { row: 'answered', when: (o) => o.type === 'answered', then: (o) => sent('answered', (o as { receipt: Receipt }).receipt) },
  { row: 'read-back found it', when: (o) => o.type === 'read-back' && o.found, then: (o) => sent('read-back found it', (o as { receipt: Receipt }).receipt) },

  // Before a call.
  {
    row: 'unreadable payload',
    when: (o) => o.type === 'unreadable',
    then: (_o, a) => rejected('unreadable payload', localError('quarantined', 'Kommandoen kunne ikke læses (ugyldigt indhold) og er sat til side. Den er ikke sendt.', a.kind)),
  },
  {
    row: 'not configured',
    when: (o) => o.type === 'not-configured',
    then: (_o, a) => ({ next: 'held', error: localError('not-configured', 'DFDG er ikke sat op.', a.kind), delayMs: 0, uncertain: false, giveBack: a.counted, row: 'not configured' }),
  },
  // An uncertain command may be at DFDG already: look before anything is sent (even past its budget).
  { row: 'due, uncertain: read back first', when: (o, a) => o.type === 'due' && a.uncertain, then: () => ({ next: 'read-back', row: 'due, uncertain: read back first' }) },
  {
    // Not there yet, but a request the client gave up on (a timeout) may still be applied: look again,
    // spread over a window at least as long as the client's timeout, before anything is sent again.
    row: 'read-back: not there yet, look again within the window',
    when: (o, a, c) => notFound(o) && o.replay === null && withinWindow(a, c),
    then: (_o, a, c) => {
      const w = c.limits.readBackWindowMs;
      const delayMs = Math.max(c.limits.settleMs, Math.min(w - a.uncertainForMs!, Math.ceil(w / READ_BACKS_PER_WINDOW)));
      return { next: 'read-back-later', delayMs, row: 'read-back: not there yet, look again within the window' };
    },
  },
  {
    row: 'time budget spent',
    when: (o, a, c) => (o.type === 'due' || (notFound(o) && o.replay === null)) && tooOld(a, c),
    then: (_o, a) => rejected('time budget spent', localError('too-old', 'Kommandoen er for gammel til at blive sendt automatisk. Kontrollér den og send den igen.', a.kind)),
  },
  { row: 'due', when: (o) => o.type === 'due', then: () => ({ next: 'send', row: 'due' }) },

  // The read-back did not find it.
  { row: 'read-back: not there, send', when: (o) => notFound(o) && o.replay === null, then: () => ({ next: 'send', row: 'read-back: not there, send' }) },
  {
    // 412 without the effect: DFDG recorded the request id but refused the request. Send again with a
    // new x-requestId, so DFDG's real answer comes back.
    row: 'read-back: 412 without effect, new x-requestId',
    when: (o) => notFound(o) && o.replay !== null && (o.replay.code ?? o.replay.httpStatus) === 412,
    then: (o, a, c) => retry('read-back: 412 without effect, new x-requestId', (o as { replay: DfdgFailure }).replay.info, a, c, { uncertain: false, attemptDelta: 0, delayMs: 0, renewRequestId: true }),
  },
  { row: 'read-back: 4977 without effect', when: (o) => notFound(o) && o.replay !== null, then: (o) => rejected('read-back: 4977 without effect', (o as { replay: DfdgFailure }).replay.info) },

  // The call (or its read-back) failed.
  {
    row: 'refused locally',
    when: (o) => o.type === 'failed' && o.failure.source === 'local',
    then: (o, a) => {
      const f = (o as { failure: Extract<Failure, { source: 'local' }> }).failure;
      return rejected('refused locally', localError(f.reason, f.text, a.kind));
    },
  },
  {
    row: 'unexpected error: uncertain',
    when: (o) => o.type === 'failed' && o.failure.source === 'unknown',
    then: (_o, a, c) => retry('unexpected error: uncertain', localError('gave-up', 'Uventet fejl under afsendelse', a.kind), a, c, { uncertain: true, attemptDelta: 0 }),
  },
  { row: 'stopped mid-call', when: failed((f) => f.kind === 'cancelled'), then: (o) => ({ next: 'aborted', error: dfdgFailure(o).info, row: 'stopped mid-call' }) },
  {
    // Nothing reached DFDG: no rejection and no attempt; the certificate advice is shown instead.
    row: 'secure connection refused',
    when: failed((f) => f.kind === 'tls'),
    then: (o, a, c) => {
      const f = dfdgFailure(o);
      return held('secure connection refused', { ...f.info, kind: 'tls' }, a, c, { uncertain: a.uncertain || f.ambiguous, transient: f.transient });
    },
  },
  { row: 'already seen (412/4977): read back', when: failed((f) => !f.transient && REPLAY_CODES.has(f.code ?? f.httpStatus ?? 0)), then: () => ({ next: 'read-back', row: 'already seen (412/4977): read back' }) },
  {
    // An answer that could not be read (a 200 cut off, XML outside the contract) after a write: DFDG
    // may well have applied it. Ambiguous means uncertain: read back before anything else, never
    // rejected (shown as refused, the caseworker would send it again, and DFDG would hold two).
    row: 'ambiguous answer: uncertain, read back',
    when: failed((f) => f.ambiguous && !f.transient),
    then: (o, a, c) => retry('ambiguous answer: uncertain, read back', dfdgFailure(o).info, a, c, { uncertain: true, attemptDelta: a.uncertain ? 1 : 0 }),
  },
  {
    // However long the app is offline, only tries made while DFDG could be reached count.
    row: 'offline probe: no attempt',
    when: failed((f, a) => f.transient && a.probe && f.unreachable),
    then: (o, a, c) => {
      const f = dfdgFailure(o);
      return retry('offline probe: no attempt', f.info, a, c, { uncertain: f.ambiguous || a.uncertain, attemptDelta: a.counted ? -1 : 0 });
    },
  },
  {
    // A failed read-back counts like a try.
    row: 'transient: retry',
    when: failed((f) => f.transient),
    then: (o, a, c) => {
      const f = dfdgFailure(o);
      return retry('transient: retry', f.info, a, c, { uncertain: f.ambiguous || a.uncertain, attemptDelta: a.uncertain ? 1 : 0 });
    },
  },
  // The read-back itself was refused (e.g. access withdrawn): never resend blind.
  { row: 'read-back refused: stay uncertain', when: failed((_f, a) => a.uncertain), then: (o, a, c) => retry('read-back refused: stay uncertain', dfdgFailure(o).info, a, c, { uncertain: true, attemptDelta: 1 }) },
  { row: 'rejected by DFDG', when: failed(() => true), then: (o) => rejected('rejected by DFDG', dfdgFailure(o).info) },
];

/** After the table: a retry that would use up the attempts gives the command up (rejected, shown, never lost). */
export const ATTEMPT_CAP = 'attempts spent: given up';
/**
 * ...unless the command is uncertain: it may be at DFDG, and a command shown as refused is sent again
 * by hand. It keeps being read back, at the longest delay, until a read-back answers.
 */
export const ATTEMPT_CAP_UNCERTAIN = 'attempts spent while uncertain: keep reading back';

/** The next state of a command after `outcome` of `attempt`. Pure: the same arguments give the same decision. */
export function decide(outcome: Outcome, attempt: Attempt, c: PolicyContext): Decision {
  const rule = RULES.find((r) => r.when(outcome, attempt, c));
  if (!rule) throw new Error(`outbox policy: no rule for ${outcome.type}`);
  const d = rule.then(outcome, attempt, c);
  if (d.next === 'retry') {
    const attempts = Math.max(0, attempt.attempts + d.attemptDelta);
    if (attempts >= c.limits.maxAttempts) {
      if (d.uncertain) return { ...d, attemptDelta: 0, delayMs: c.limits.maxDelayMs, row: ATTEMPT_CAP_UNCERTAIN };
      return rejected(ATTEMPT_CAP, localError('gave-up', `Opgivet efter ${attempts} forsøg: ${d.error.text}`, attempt.kind));
    }
  }
  return d;
}

/** The policy's view of anything a call (or read-back) threw. */
export function failureOf(e: unknown): Failure {
  if (e instanceof LocalCommandError) return { source: 'local', reason: e.reason, text: e.message };
  if (!isDfdgError(e)) return { source: 'unknown' };
  return { source: 'dfdg', kind: e.kind, code: e.code, httpStatus: e.httpStatus, transient: e.transient, ambiguous: e.ambiguous, unreachable: isUnreachable(e), info: e.toInfo() };
}
