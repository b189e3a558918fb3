// Versioned migrations: hub/migrations/NNNN_name.sql, applied in order, each in its own transaction
// together with its row in hub_migrations. A session advisory lock makes replicas that start at
// once take turns (the second finds the work done). An applied file that changed is refused.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const out = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => {
      const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(f);
      if (!m) throw new Error(`migration file name must be NNNN_name.sql: ${f}`);
      const sql = fs.readFileSync(path.join(dir, f), 'utf8');
      return { version: Number(m[1]), name: m[2]!, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    })
    .sort((a, b) => a.version - b.version);
  out.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations must be numbered 0001, 0002, … without gaps (found ${String(m.version).padStart(4, '0')})`);
  });
  return out;
}

/** Applies what is missing; returns the versions applied by this call. */
export async function migrate(client: pg.ClientBase, migrations = loadMigrations()): Promise<number[]> {
  await client.query("SELECT pg_advisory_lock(hashtextextended('dfdg-hub:migrations', 0))");
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS hub_migrations (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Map((await client.query<{ version: number; checksum: string }>('SELECT version, checksum FROM hub_migrations')).rows.map((r) => [r.version, r.checksum]));
    for (const v of done.keys()) {
      if (!migrations.some((m) => m.version === v)) throw new Error(`the database has migration ${v}, which this hub does not know: it is older than the database`);
    }
    const applied: number[] = [];
    for (const m of migrations) {
      const have = done.get(m.version);
      if (have !== undefined) {
        if (have !== m.checksum) throw new Error(`migration ${m.version} (${m.name}) was changed after it was applied`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO hub_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
      applied.push(m.version);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtextextended('dfdg-hub:migrations', 0))").catch(() => undefined);
  }
}
