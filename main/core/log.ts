// The app's log: structured lines `(level, message, fields)` written as one line of JSON each, to a file
// in the app's data directory (rotated by size) and, in development, to the console. Plain Node, no
// electron: the shell builds it and hands it to createCore (CoreOptions.log).
//
// No CPR number and no message text ever reaches a line:
// - anything that looks like a CPR number (ten digits, DDMMÅÅ-XXXX with or without the dash) is
//   replaced by [cpr] in the message and in every string field, nested ones included; a number of nine
//   or ten digits (a CPR number whose leading zero was lost) likewise;
// - fields named body, text, subject, cpr or name (or ending so: citizenName, fileName, messageText …)
//   are dropped, at any depth, and so are the free-text fields a caseworker or a citizen fills in:
//   email, comment(s), note(s), description, message, query, search, address, phone (or ending so:
//   caseworkerEmail, searchQuery, errorMessage …) and the bare search terms q and term(s);
// - indented stack lines ("    at fn (/home/user/…/file.js:1:2)") are dropped from the message and from
//   every string field: they name files and directories (a user's home) and never classify anything;
// - an Error is written as its name only; a DfdgError also with its code, service, operation, kind,
//   HTTP status and whether it is transient, and a CoreError with its kind — never its message or
//   String(err) (DFDG's text may quote what the caseworker wrote).

import fs from 'node:fs';
import path from 'node:path';
import { CoreError } from './errors';
import { DfdgError } from './dfdg/errors';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** The logger createCore, the sync engine and the poller take (same shape as sync/engine's Logger). */
export type Logger = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

export interface LogSink {
  write(line: string, level: LogLevel): void;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Ten digits (DDMMÅÅXXXX) with an optional dash or space after the sixth, not part of a longer number. */
const CPR_LIKE = /(?<!\d)\d{6}[- ]?\d{4}(?!\d)/g;
/**
 * Field names whose values are never written (matched case-insensitively at the end of the name, or the
 * whole name for the short search-term keys).
 */
const DROPPED = /(body|text|subject|cpr|name|e-?mail|comments?|notes?|description|message|query|search|address|phone)$|^(q|terms?)$/i;
/** One stack line as V8 writes it: indented, then "at ". */
const STACK_LINE = /^[ \t]+at [^\n]*(\n|$)/gm;
const HAS_STACK_LINE = /^[ \t]+at /m;
const MAX_DEPTH = 6;
const MAX_STRING = 2_000;

export const REDACTED_CPR = '[cpr]';

/** The text without stack lines, with every CPR-like number replaced by [cpr]. */
export function redactText(s: string): string {
  const noStack = HAS_STACK_LINE.test(s) ? s.replace(STACK_LINE, '').replace(/\n+$/, '') : s;
  const r = noStack.replace(CPR_LIKE, REDACTED_CPR);
  return r.length > MAX_STRING ? `${r.slice(0, MAX_STRING)}…` : r;
}

/** An error as a plain log text may name it: its name, never its message (it may quote a CPR or a message). */
export function errorName(e: unknown): string {
  return e instanceof Error ? e.name : typeof e;
}

/** What of an error may be written: its name, and DFDG's classification for a DfdgError. */
export function errorFields(err: Error): Record<string, unknown> {
  if (err instanceof DfdgError) {
    return { name: err.name, code: err.code, service: redactText(err.service), operation: redactText(err.operation), kind: err.kind, httpStatus: err.httpStatus, transient: err.transient };
  }
  if (err instanceof CoreError) return { name: err.name, kind: err.kind, code: err.code };
  return { name: redactText(typeof err.name === 'string' ? err.name : 'Error') };
}

/** A copy of a field value that is safe to write (see the file comment). */
export function redactValue(v: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (v === null || v === undefined || typeof v === 'boolean') return v ?? null;
  if (typeof v === 'string') return redactText(v);
  if (typeof v === 'number') return Number.isInteger(v) && /^\d{9,10}$/.test(String(Math.abs(v))) ? REDACTED_CPR : v;
  if (typeof v === 'bigint') return /^\d{9,10}$/.test((v < 0n ? -v : v).toString()) ? REDACTED_CPR : v.toString();
  if (typeof v !== 'object') return `[${typeof v}]`;
  if (v instanceof Error) return errorFields(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (Buffer.isBuffer(v) || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return `[${(v as { byteLength: number }).byteLength} bytes]`;
  if (seen.has(v)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[…]';
  seen.add(v);
  try {
    if (Array.isArray(v)) return v.slice(0, 50).map((x) => redactValue(x, depth + 1, seen));
    if (v instanceof Map) return redactFields(Object.fromEntries([...v.entries()].slice(0, 50).map(([k, x]) => [String(k), x])), depth + 1, seen);
    if (v instanceof Set) return [...v].slice(0, 50).map((x) => redactValue(x, depth + 1, seen));
    return redactFields(v as Record<string, unknown>, depth + 1, seen);
  } finally {
    seen.delete(v);
  }
}

function redactFields(o: Record<string, unknown>, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(o)) {
    if (DROPPED.test(key)) continue;
    let value: unknown;
    try {
      value = o[key];
    } catch {
      value = '[unreadable]';
    }
    // A key may itself be a CPR number (a map keyed by citizen).
    out[redactText(key)] = redactValue(value, depth, seen);
  }
  return out;
}

/** One line of JSON: time, level, message and the redacted fields. Never throws. */
export function formatLine(level: LogLevel, message: string, fields: Record<string, unknown> | undefined, now: Date): string {
  try {
    const safe = fields && typeof fields === 'object' ? redactFields(fields, 0, new WeakSet()) : undefined;
    const line: Record<string, unknown> = { t: now.toISOString(), level, msg: redactText(String(message)) };
    if (safe && Object.keys(safe).length > 0) line.fields = safe;
    return JSON.stringify(line);
  } catch {
    return JSON.stringify({ t: now.toISOString(), level, msg: '[log line could not be written]' });
  }
}

export interface LoggerOptions {
  sinks: LogSink[];
  /** Lines below this level are dropped (default 'info'). */
  minLevel?: LogLevel;
  clock?: () => Date;
}

/** The redacting logger. It never throws: a failing sink loses the line, not the caller's work. */
export function createLogger(opts: LoggerOptions): Logger {
  const min = LEVELS[opts.minLevel ?? 'info'];
  const clock = opts.clock ?? (() => new Date());
  return (level, message, fields) => {
    const lvl: LogLevel = Object.prototype.hasOwnProperty.call(LEVELS, level) ? level : 'error';
    if (LEVELS[lvl] < min) return;
    const line = formatLine(lvl, message, fields, clock());
    for (const sink of opts.sinks) {
      try {
        sink.write(line, lvl);
      } catch {
        // nowhere left to report it
      }
    }
  };
}

/** Writes each line to the console (development). */
export function consoleSink(target: Pick<Console, 'log' | 'warn' | 'error'> = console): LogSink {
  return {
    write(line, level) {
      if (level === 'error') target.error(line);
      else if (level === 'warn') target.warn(line);
      else target.log(line);
    },
  };
}

/**
 * Appends each line to `file` (its directory is created, mode 0600). When the file would grow past
 * `maxBytes` (default 5 MB) it is renamed to `<file>.1` (replacing the previous one) and a new file
 * is started: at most twice maxBytes on disk.
 */
export function fileSink(file: string, opts: { maxBytes?: number } = {}): LogSink {
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  let size: number | null = null;
  const currentSize = () => {
    if (size === null) {
      try {
        size = fs.statSync(file).size;
      } catch {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        size = 0;
      }
    }
    return size;
  };
  return {
    write(line) {
      const data = `${line}\n`;
      const bytes = Buffer.byteLength(data);
      if (currentSize() > 0 && currentSize() + bytes > maxBytes) {
        try {
          fs.renameSync(file, `${file}.1`);
        } catch {
          // e.g. removed meanwhile: start afresh anyway
        }
        size = 0;
      }
      fs.appendFileSync(file, data, { mode: 0o600 });
      size = currentSize() + bytes;
    },
  };
}
