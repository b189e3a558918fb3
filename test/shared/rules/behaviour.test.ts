// The behaviour helpers main uses: retention decisions for the purge job, the audit record, the
// company lookup plan, and the same-authority check.

import { describe, expect, it } from 'vitest';
import { accessAuditEntry, planCompanyLookup, retentionDecision, sameJobcenterAuthority } from '../../../shared/rules';
import { AKASSE, JOBCENTER } from './cases';

describe('retentionDecision', () => {
  it('keeps a recently used citizen and says until when', () => {
    expect(retentionDecision({ asOf: '2026-11-22', lastUsedAt: '2026-11-20T09:00:00Z', accessible: true })).toEqual({
      action: 'keep',
      ruleId: 'RETAIN_CACHE',
      reason: 'Borgeren er slået op inden for de seneste 30 dage.',
      purgeOn: '2026-12-20',
    });
  });

  it('counts the last use in Danish time', () => {
    // 23:30Z on 22-10 is 23-10 in Copenhagen (summer time), so 30 days run to 22-11.
    expect(retentionDecision({ asOf: '2026-11-21', lastUsedAt: '2026-10-22T23:30:00Z', accessible: true }).purgeOn).toBe('2026-11-22');
  });

  it('honours a configured period and falls back to 30 days for nonsense', () => {
    expect(retentionDecision({ asOf: '2026-11-22', lastUsedAt: '2026-11-01', retentionDays: 7 }).action).toBe('purge');
    expect(retentionDecision({ asOf: '2026-11-22', lastUsedAt: '2026-11-01', retentionDays: -5 }).action).toBe('keep');
    expect(retentionDecision({ asOf: '2026-11-22', lastUsedAt: '2026-11-01', retentionDays: 1.5 }).purgeOn).toBe('2026-12-01');
  });

  it('a citizen never looked up is purged; open work (drafts, unsent commands, open advisories) holds it', () => {
    expect(retentionDecision({ asOf: '2026-11-22', lastUsedAt: null }).action).toBe('purge');
    for (const work of [{ hasUnsentDrafts: true }, { hasOpenAdvisories: true }]) {
      const d = retentionDecision({ asOf: '2026-11-22', lastUsedAt: null, ...work });
      expect(d.action).toBe('hold');
      expect(d.reason).toContain("åbne advis'er er afsluttet");
    }
    // Nothing to hold on a citizen that is not due.
    expect(retentionDecision({ asOf: '2026-11-22', lastUsedAt: '2026-11-20', hasOpenAdvisories: true }).action).toBe('keep');
  });

  it('death comes first, even when recently used', () => {
    expect(retentionDecision({ asOf: '2026-11-22', deceased: true, lastUsedAt: '2026-11-22', accessible: true }).ruleId).toBe('RETAIN_DECEASED');
  });

  it('never deletes on a broken clock or unreadable input', () => {
    expect(retentionDecision({ asOf: '' , deceased: true }).action).toBe('keep');
    expect(retentionDecision(null as never).action).toBe('keep');
  });
});

describe('accessAuditEntry', () => {
  const identity = { organisation: JOBCENTER, caseworker: { fullName: 'Ole Hansen', userIdentifier: 'CVR:29189846-UUID:1f0e' } };

  it('records who, which organisation, which citizen, when and why', () => {
    expect(
      accessAuditEntry({ identity, cpr: '0101001234', action: 'messages.list', purpose: 'citizen-page', source: 'cache', outcome: 'ok', at: '2026-11-22T10:15:00Z' }),
    ).toEqual({
      at: '2026-11-22T10:15:00Z',
      userIdentifier: 'CVR:29189846-UUID:1f0e',
      userName: 'Ole Hansen',
      organisationType: 8,
      organisationCode: '10100',
      cpr: '0101001234',
      action: 'messages.list',
      source: 'cache',
      purpose: 'citizen-page',
      outcome: 'ok',
    });
  });

  it('allows a lookup without a citizen (a search) but not a malformed CPR or a missing caseworker', () => {
    const base = { identity, action: 'search', purpose: 'search', source: 'local' as const, outcome: 'ok' as const, at: '2026-11-22T10:15:00Z' };
    expect(accessAuditEntry({ ...base, cpr: null })?.cpr).toBeNull();
    expect(accessAuditEntry({ ...base, cpr: '12' })).toBeNull();
    expect(accessAuditEntry({ ...base, cpr: null, identity: { ...identity, caseworker: { fullName: '', userIdentifier: 'x' } } })).toBeNull();
    expect(accessAuditEntry({ ...base, cpr: null, identity: { organisation: AKASSE, caseworker: identity.caseworker } })?.organisationType).toBe(2);
  });
});

describe('planCompanyLookup', () => {
  it('builds the query DFDG expects for each combination', () => {
    expect(planCompanyLookup({ cvr: '12345678', pNumber: '1234567890' }).query).toEqual({ cvrNummer: '12345678', pNummer: '1234567890' });
    expect(planCompanyLookup({ cvr: ' 1234 5678 ' }).query).toEqual({ cvrNummer: '12345678' });
    expect(planCompanyLookup({ cvr: '', pNumber: null }).query).toEqual({});
  });

  it('warns that blocked companies are not marked whenever a result can come back', () => {
    for (const input of [{ cvr: '12345678', pNumber: '1234567890' }, { cvr: '12345678' }, {}]) {
      const plan = planCompanyLookup(input);
      expect(plan.findings.map((f) => [f.ruleId, f.severity])).toEqual([['COMPANY_LOOKUP', 'warning']]);
      expect(plan.findings[0]?.message).toContain('konfliktramte');
    }
  });

  it('P-number alone: no result, and the user is told to add the CVR', () => {
    const plan = planCompanyLookup({ pNumber: '1234567890' });
    expect(plan.mode).toBe('empty');
    expect(plan.findings[0]).toMatchObject({ severity: 'info', field: 'cvr' });
  });

  it('refuses malformed numbers with a field each', () => {
    const plan = planCompanyLookup({ cvr: '1234567', pNumber: '12' });
    expect(plan.mode).toBe('invalid');
    expect(plan.findings.map((f) => f.field)).toEqual(['cvr', 'pNumber']);
  });
});

describe('sameJobcenterAuthority', () => {
  it('compares the first three digits of five-digit codes', () => {
    expect(sameJobcenterAuthority('22300', '22301')).toBe(true);
    expect(sameJobcenterAuthority('22301', '22300')).toBe(true);
    expect(sameJobcenterAuthority('22300', '22400')).toBe(false);
    expect(sameJobcenterAuthority('223001', '22300')).toBe(false);
    expect(sameJobcenterAuthority(null, '22300')).toBe(false);
  });
});
