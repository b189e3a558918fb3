// The hub's connection pool and what a database failure means for a caller.

import pg from 'pg';

/** Dates stay 'YYYY-MM-DD' strings, int8 stays a string (change ids), timestamps become ISO strings. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 1082) return (v: string) => v; // date
    if (oid === 1184 || oid === 1114) return (v: string) => new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString(); // timestamptz
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export function createPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    application_name: 'dfdg-hub',
    types,
    // A statement that hangs (e.g. a database stopping) fails instead of holding a caller forever.
    query_timeout: 15_000,
  });
  // An idle client whose connection dies (database restarted) is dropped by the pool; the error
  // must not crash the process.
  pool.on('error', () => {});
  return pool;
}

/** A dedicated connection (the intake's lock, the feed's LISTEN); its errors are the caller's to handle. */
export function createClient(url: string, name: string): pg.Client {
  return new pg.Client({ connectionString: url, application_name: `dfdg-hub ${name}`, types, connectionTimeoutMillis: 3_000 });
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300']);

/** True when the database could not be reached or went away mid-call (the caller may retry: 503). */
export function isDatabaseUnavailable(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated unexpectedly|Query read timeout|the database system is (starting up|shutting down)/i.test(e.message);
}
