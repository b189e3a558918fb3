// The rules' context is built once (ruleContextFor) for main and the renderer. What a caseworker
// notices: a former member of the a-kasse is not the a-kasse's member for the rules any more (the
// renderer used to keep the a-kasse code and judge such a citizen as a member, main did not).

import { describe, expect, it } from 'vitest';
import type { Citizen } from '../../../shared/domain';
import { checkAccess, ruleContextFor } from '../../../shared/rules';

const akasse = { organisation: { type: 'akasse' as const, code: '067' } };
const member: Citizen = {
  cpr: '0101901234',
  name: 'Anna Jensen',
  contactGroup: 1,
  registrationCategory: 1,
  akasseCode: '067',
  jobcenterCode: '10100',
  membershipEnd: null,
  deceased: false,
};

describe('ruleContextFor', () => {
  it('carries who acts, the day and the citizen’s facts', () => {
    const ctx = ruleContextFor({ identity: akasse, citizen: member, asOf: '2026-11-22' });
    expect(ctx).toEqual({
      asOf: '2026-11-22',
      org: { type: 'akasse', code: '067' },
      citizen: { cpr: '0101901234', contactGroup: 1, registrationCategory: 1, akasseCode: '067', jobcenterCode: '10100', deceased: false },
    });
    expect(checkAccess(ctx)).toEqual([]);
  });

  it('drops the a-kasse of a membership that ended before the day: the a-kasse may not act on a former member', () => {
    const former = { ...member, membershipEnd: '2026-11-21' };
    const ctx = ruleContextFor({ identity: akasse, citizen: former, asOf: '2026-11-22' });
    expect(ctx.citizen?.akasseCode).toBeNull();
    expect(checkAccess(ctx).map((f) => f.ruleId)).toEqual(['ACCESS_AKASSE']);
  });

  it('keeps the membership on its last day and before', () => {
    const ending = { ...member, membershipEnd: '2026-11-22' };
    expect(checkAccess(ruleContextFor({ identity: akasse, citizen: ending, asOf: '2026-11-22' }))).toEqual([]);
    expect(checkAccess(ruleContextFor({ identity: akasse, citizen: ending, asOf: '2026-11-01' }))).toEqual([]);
  });

  it('has no citizen when none is known, and the code lists only when given', () => {
    const lists = { AbsenceTypeIdentifier: [] };
    expect(ruleContextFor({ identity: akasse, citizen: null, asOf: '2026-11-22' }).citizen).toBeNull();
    expect(ruleContextFor({ identity: akasse, citizen: null, asOf: '2026-11-22', codeLists: null })).not.toHaveProperty('codeLists');
    expect(ruleContextFor({ identity: akasse, citizen: null, asOf: '2026-11-22', codeLists: lists }).codeLists).toBe(lists);
  });
});
