// Every rule id in ruleCatalogue has at least one case that makes it fire and one where it stays
// silent (cases.ts), and the table holds no id the catalogue does not know. The cases are run here
// as well, so a case that only claims to fire does not count.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from '../../../shared/rules';
import { ruleCases, type RuleCase } from './cases';

function fired(ruleId: string, c: RuleCase): boolean {
  const r = c.run();
  return Array.isArray(r) ? r.some((f) => f.ruleId === ruleId) : r.fired;
}

describe('rule coverage', () => {
  it('lists every catalogue id once', () => {
    const ids = ruleCatalogue.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has no case table for an id outside the catalogue', () => {
    const known = new Set(ruleCatalogue.map((r) => r.id));
    expect(Object.keys(ruleCases).filter((id) => !known.has(id))).toEqual([]);
  });

  for (const rule of ruleCatalogue) {
    it(`${rule.id} (${rule.kind}) is shown to fire and to stay silent`, () => {
      const cases = ruleCases[rule.id] ?? [];
      const firing = cases.filter((c) => c.fires && fired(rule.id, c));
      const silentOnes = cases.filter((c) => !c.fires && !fired(rule.id, c));
      expect(firing.length, `${rule.id}: no case that fires`).toBeGreaterThan(0);
      expect(silentOnes.length, `${rule.id}: no case that stays silent`).toBeGreaterThan(0);
    });
  }

  it('covers every id of ../shared/dfdg/rules.md with its exact id', () => {
    // The catalogue ids of the shared rules.md, copied here so a rename in code fails this test.
    const fromRulesMd = [
      'MSG_CONTEXT_VALID', 'MSG11_SENDER', 'MSG11_CHANNEL', 'MSG11_TARGET_GROUP', 'MSG11_CONTENT', 'MSG11_SUPPORT_ONLY',
      'MSG2_RETIRED', 'MSG_ATTACHMENT_TYPE', 'MSG_ATTACHMENT_SIZE', 'ABS_TYPE_VALID', 'ABS78_CLOSED', 'ABS79_GROUP',
      'ABS_PERIOD', 'ABS_DELETE_HISTORIC', 'ABS_SELFBOOK_EXEMPT', 'ABS11_JOBLOG_KG7', 'ABS_NOTIFY', 'MEET_FORM_RETIRED',
      'MEET_DIGITAL_LINK', 'MEET_LOCATION_EMPTY', 'PLAN_END_REASON_SYSTEM', 'JOBLOG_DATE_MIN', 'ACCESS_AKASSE',
      'ACCESS_JOBCENTER', 'ACCESS_AUDIT', 'JOBORDER_MEDIATE_OPEN', 'JOBCENTER_SAME_AUTHORITY', 'COMPANY_LOOKUP',
      'RETAIN_DECEASED', 'RETAIN_CACHE',
    ];
    // rules.md's ids for DFDG's own deletion deadlines on data this client never holds: not run, and
    // the README says why (shared/rules/README.md "Not run here").
    const notRun = ['RETAIN_REFERRAL', 'RETAIN_SCREENING'];
    for (const id of notRun) {
      expect(ruleCatalogue.some((r) => r.id === id), id).toBe(false);
      expect(readFileSync(fileURLToPath(new URL('../../../shared/rules/README.md', import.meta.url)), 'utf8')).toContain(`**${id}**`);
    }
    const catalogued = new Map(ruleCatalogue.map((r) => [r.id, r]));
    for (const id of fromRulesMd) {
      expect(catalogued.get(id)?.origin, id).toBe('catalogue');
    }
    expect(ruleCatalogue.filter((r) => r.origin === 'catalogue').map((r) => r.id).sort()).toEqual([...fromRulesMd].sort());
  });
});
