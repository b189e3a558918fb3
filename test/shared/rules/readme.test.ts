// The README table of rule ids is what other engineers read: keep it in step with the catalogue.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from '../../../shared/rules';

const readme = readFileSync(fileURLToPath(new URL('../../../shared/rules/README.md', import.meta.url)), 'utf8');

describe('shared/rules/README.md', () => {
  it('lists every rule id of the catalogue', () => {
    const missing = ruleCatalogue.filter((r) => !readme.includes(`| \`${r.id}\` |`)).map((r) => r.id);
    expect(missing).toEqual([]);
  });

  it('lists no id the catalogue does not know', () => {
    const listed = [...readme.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    const known = new Set(ruleCatalogue.map((r) => r.id));
    expect(listed.filter((id) => !known.has(id as string))).toEqual([]);
  });
});
