// What each rule rests on (issue 12 item 7): every rule of the catalogue says whether a seed, another
// document, DFDG Desk itself or an assumption backs it; an assumed rule is never an error, and every
// finding that rests on an assumption says so in its message. The README's table carries the same
// basis, so the engineers reading it see what the caseworker is told.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/domain';
import { ASSUMED_NOTE, ruleCatalogue, ruleInfo } from '../../../shared/rules';
import { ruleCases } from './cases';

const BASES = ['seed', 'documented', 'local', 'assumed'];

function allFindings(): Finding[] {
  const out: Finding[] = [];
  for (const cases of Object.values(ruleCases)) {
    for (const c of cases) {
      const r = c.run();
      if (Array.isArray(r)) out.push(...r);
    }
  }
  return out;
}

describe('rule basis', () => {
  it('every rule names its basis and source; a seed-backed one names the seed', () => {
    for (const r of ruleCatalogue) {
      expect(BASES, r.id).toContain(r.basis);
      expect(r.source.trim(), r.id).not.toBe('');
      if (r.basis === 'seed') expect(r.source, r.id).toMatch(/seed 00\d/);
    }
  });

  it('no assumed rule can be an error', () => {
    const offenders = ruleCatalogue.filter((r) => r.basis === 'assumed' && (r.severities.includes('error') || r.severity === 'error')).map((r) => r.id);
    expect(offenders).toEqual([]);
  });

  it('every finding of an assumed rule, and every assumed part of a sourced one, is at most a warning and says it is assumed', () => {
    const findings = allFindings();
    const assumedRules = findings.filter((f) => ruleInfo(f.ruleId)?.basis === 'assumed');
    expect(assumedRules.length).toBeGreaterThan(0);
    for (const f of assumedRules) {
      expect(f.severity, f.ruleId).not.toBe('error');
      expect(f.message, f.ruleId).toContain(ASSUMED_NOTE);
    }
    for (const f of findings.filter((x) => x.message.includes(ASSUMED_NOTE))) {
      expect(f.severity, `${f.ruleId}: ${f.message}`).not.toBe('error');
    }
    // Sourced rules with an assumed part: that part fires somewhere in the table and says so.
    for (const r of ruleCatalogue.filter((x) => x.assumed && x.kind === 'finding')) {
      expect(findings.some((f) => f.ruleId === r.id && f.message.includes(ASSUMED_NOTE)), r.id).toBe(true);
    }
  });

  it('the README table gives each rule the catalogue’s basis', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../../shared/rules/README.md', import.meta.url)), 'utf8');
    const rows = new Map([...readme.matchAll(/^\| `([A-Z0-9_]+)` \| [^|]+ \| ([a-z]+) \|/gm)].map((m) => [m[1], m[2]]));
    for (const r of ruleCatalogue) expect(rows.get(r.id), r.id).toBe(r.basis);
  });
});
