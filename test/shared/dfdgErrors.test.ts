import { describe, expect, it } from 'vitest';
import { DFDG_ERROR_TEXTS, explainDfdgError, outboxAdvice } from '../../shared/dfdgErrors';

const REQUIRED = [
  412, 1001, 1003, 1010, 1014, 4404, 4405, 4575, 4589, 4591, 4592, 4593, 4594, 4595, 4933, 4977, 6005, 8103, 8110, 8111, 8112, 8113, 8114, 8115, 8116,
  9460, 99000, ...Array.from({ length: 15 }, (_, i) => 90000 + i),
];

describe('explainDfdgError', () => {
  it('has specific Danish text for every code the contract names', () => {
    for (const code of REQUIRED) {
      const e = explainDfdgError(code);
      expect(DFDG_ERROR_TEXTS[code], `code ${code}`).toBeDefined();
      expect(e.title).not.toMatch(/fejlkode/);
      expect(e.advice.length).toBeGreaterThan(10);
    }
  });

  it('explains network failures as offline, 503 as temporarily unavailable, and names unknown codes', () => {
    expect(explainDfdgError(null).title).toBe('DFDG kan ikke nås lige nu.');
    expect(explainDfdgError(null, { httpStatus: 503 }).title).toBe('DFDG er midlertidigt utilgængelig.');
    expect(explainDfdgError(12345).title).toContain('12345');
  });

  it('gives outbox advice for rejected, failed and locally held commands only', () => {
    const err = { code: 4933, text: 'html', service: 'CitizenMessageService', operation: 'CreateMessage', transient: false, httpStatus: 500 };
    expect(outboxAdvice('rejected', err)).toContain('Fjern tegn som <b>');
    expect(outboxAdvice('sent', null)).toBeNull();
    expect(outboxAdvice('queued', null)).toBeNull();
    expect(outboxAdvice('failed', { ...err, code: null, httpStatus: 503, transient: true })).toContain('sendes automatisk');
    expect(outboxAdvice('rejected', { ...err, code: null, service: 'local:dependency' })).toContain('Ret eller annullér den afviste');
  });
});
