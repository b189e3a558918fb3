// @ts-expect-error -- the package's "exports" map hides its index.d.ts from bundler resolution; typed below.
import DatabaseCtor from 'better-sqlite3-multiple-ciphers';
import type BetterSqlite3 from '../../../node_modules/better-sqlite3-multiple-ciphers/index';

/** better-sqlite3-multiple-ciphers (SQLCipher-compatible encryption, FTS5), with its own typings. */
export const Database = DatabaseCtor as typeof BetterSqlite3;
/** The connection type used across the store. */
export type Db = BetterSqlite3.Database;

/** JSON column helpers: every JSON column is written by this module, so a parse failure is damage. */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJson<T>(text: string | null | undefined): T | null {
  if (text === null || text === undefined) return null;
  return JSON.parse(text) as T;
}
