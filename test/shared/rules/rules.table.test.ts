// Runs every case of the rule table (cases.ts): a firing case must produce a finding with the rule's
// id (with the expected severity and field when given); a silent case must not. Every finding any
// case produces must be well formed: a catalogued id, a severity the catalogue allows, the
// catalogue's source, a Danish message with no CPR number in it.

import { describe, expect, it } from 'vitest';
import { containsCpr } from '../../../shared/cpr';
import type { Finding } from '../../../shared/domain';
import { ruleInfo } from '../../../shared/rules';
import { ruleCases } from './cases';

function assertWellFormed(f: Finding): void {
  const info = ruleInfo(f.ruleId);
  expect(info, `unknown rule id ${f.ruleId}`).toBeDefined();
  expect(info?.severities).toContain(f.severity);
  expect(f.source).toBe(info?.source);
  expect(f.message.trim().length).toBeGreaterThan(10);
  expect(containsCpr(f.message)).toBe(false);
  expect(f.message).not.toMatch(/\d{6}-?\d{4}/);
  // Danish dates only: never an ISO date in a caseworker's message.
  expect(f.message).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b(?!«)/);
}

for (const [ruleId, cases] of Object.entries(ruleCases)) {
  describe(ruleId, () => {
    for (const c of cases) {
      it(`${c.fires ? 'fires' : 'silent'}: ${c.name}`, () => {
        const result = c.run();
        if (!Array.isArray(result)) {
          expect(result.fired).toBe(c.fires);
          return;
        }
        result.forEach(assertWellFormed);
        const mine = result.filter((f) => f.ruleId === ruleId);
        if (!c.fires) {
          expect(mine, JSON.stringify(mine)).toEqual([]);
          return;
        }
        expect(mine.length, JSON.stringify(result)).toBeGreaterThan(0);
        if (c.severity) expect(mine.map((f) => f.severity)).toContain(c.severity);
        if (c.field) expect(mine.map((f) => f.field)).toContain(c.field);
      });
    }
  });
}
