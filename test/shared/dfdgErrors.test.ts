// DFDG's error codes in plain Danish, tested once, here, as tables: every code the contract names has
// its own text, and what an outbox item says for each state and kind of error (main computes it once
// and carries it on the item; the renderer only shows it).
import { describe, expect, it } from 'vitest';
import type { DfdgErrorInfo } from '../../shared/domain';
import { DFDG_ERROR_TEXTS, OFFLINE_EXPLANATION, PROXY_TITLE, TLS_EXPLANATION, TLS_REQUEST_EXPLANATION, explainDfdgError, outboxExplanation } from '../../shared/dfdgErrors';

const REQUIRED = [
  412, 1001, 1003, 1010, 1014, 4404, 4405, 4575, 4589, 4591, 4592, 4593, 4594, 4595, 4933, 4977, 6005, 8103, 8110, 8111, 8112, 8113, 8114, 8115, 8116,
  9460, 99000, ...Array.from({ length: 15 }, (_, i) => 90000 + i),
];

describe('explainDfdgError', () => {
  it.each(REQUIRED)('code %i has its own Danish title and advice', (code) => {
    const e = explainDfdgError(code);
    expect(e).toBe(DFDG_ERROR_TEXTS[code]);
    expect(e.title).not.toMatch(/fejlkode/);
    expect(e.advice.length).toBeGreaterThan(10);
  });

  it.each([
    ['a network failure (no code)', null, {}, 'DFDG kan ikke nås lige nu.'],
    ['503 without a code', null, { httpStatus: 503 }, 'DFDG er midlertidigt utilgængelig.'],
    ['a permanent refusal without a code', null, { transient: false }, 'DFDG afviste forespørgslen uden en fejlkode.'],
    ['an unknown code', 12345, {}, 'DFDG afviste forespørgslen (fejlkode 12345).'],
  ] as const)('%s', (_name, code, ctx, title) => {
    expect(explainDfdgError(code, ctx).title).toBe(title);
  });

  it('tells a lookup to try again after 412, and a command that it was not sent twice', () => {
    expect(explainDfdgError(412, { kind: 'read' }).advice).toBe('Prøv igen.');
    expect(explainDfdgError(412, { kind: 'absence.create' }).advice).toMatch(/^Den er ikke sendt igen/);
  });

  it('tells a refused end of an activity to check the ophørsårsag on the end date (1014), and an unknown activity to refresh Min plan (4589)', () => {
    expect(outboxExplanation('rejected', { code: 1014, text: 'x', service: 'PersonActivityStatusService', operation: 'EndActivity', transient: false, httpStatus: 500 }, 'activity.end')).toEqual({
      title: DFDG_ERROR_TEXTS[1014]!.title,
      advice: expect.stringMatching(/ophørsårsagen skal findes i DFDG’s kodeliste og gælde på slutdatoen/),
    });
    expect(explainDfdgError(4589, { kind: 'activity.update' }).advice).toMatch(/^DFDG kender ikke aktiviteten. Opdatér borgerens Min plan/);
    // A message keeps the generic advice.
    expect(explainDfdgError(1014, { kind: 'message.create' })).toBe(DFDG_ERROR_TEXTS[1014]);
  });

  it('says a refused certificate is not "offline", and what to do about it now and in the outbox', () => {
    for (const e of [TLS_EXPLANATION, TLS_REQUEST_EXPLANATION]) {
      expect(e.title).toMatch(/certifikat/);
      expect(e.advice).toContain('Indstillinger → Certifikat');
      expect(e.title).not.toBe(OFFLINE_EXPLANATION.title);
    }
    expect(TLS_EXPLANATION.advice).toMatch(/venter i udbakken/);
    expect(TLS_REQUEST_EXPLANATION.advice).not.toMatch(/udbakken/);
  });
});

const dfdg = (over: Partial<DfdgErrorInfo> = {}): DfdgErrorInfo => ({
  code: 4933,
  text: 'The comment text cannot contain html tags',
  service: 'CitizenMessageService',
  operation: 'CreateMessage',
  transient: false,
  httpStatus: 500,
  ...over,
});
const local = (reason: string) => dfdg({ code: null, service: `local:${reason}`, text: 'holdt tilbage', httpStatus: null });

describe('outboxExplanation', () => {
  it.each([
    ['queued', dfdg()],
    ['sending', dfdg()],
    ['sent', null],
    ['cancelled', dfdg()],
    ['rejected', null],
  ] as const)('says nothing for a %s command (error %o)', (state, error) => {
    expect(outboxExplanation(state, error)).toBeNull();
  });

  it.each([
    ['a rejection: what DFDG meant and what to change', 'rejected', dfdg(), { title: 'Teksten må ikke indeholde HTML-koder.', advice: 'Fjern tegn som <b> eller <br> fra teksten og send igen.' }],
    ['a failed command that will be sent again (503)', 'failed', dfdg({ code: null, httpStatus: 503, transient: true }), { title: 'DFDG er midlertidigt utilgængelig.', advice: 'Registreringen sendes automatisk igen om lidt. Du behøver ikke gøre noget.' }],
    ['a failed command, whatever DFDG said about transience', 'failed', dfdg({ code: null, httpStatus: null, transient: false }), OFFLINE_EXPLANATION],
    ['a failed command with no error recorded', 'failed', null, { title: null, advice: 'Registreringen sendes automatisk igen om lidt. Du behøver ikke gøre noget.' }],
    ['a refused certificate', 'failed', dfdg({ code: null, kind: 'tls', transient: false, httpStatus: null }), TLS_EXPLANATION],
    [
      'a proxy that refused: the proxy named, not "DFDG kan ikke nås"',
      'failed',
      dfdg({ code: null, kind: 'proxy', text: 'Proxyen 10.0.0.1:8080 afviste forbindelsen til DFDG (HTTP 403).', transient: true, httpStatus: null }),
      { title: PROXY_TITLE, advice: 'Proxyen 10.0.0.1:8080 afviste forbindelsen til DFDG (HTTP 403). Registreringen sendes af sig selv, når der er forbindelse igen.' },
    ],
    ['a command waiting for a rejected one', 'rejected', local('dependency'), { title: null, advice: 'Registreringen venter på en anden, som DFDG afviste. Ret eller annullér den afviste registrering først; så sendes denne bagefter.' }],
    ['a command the outbox gave up on', 'rejected', local('gave-up'), { title: null, advice: 'Registreringen kunne ikke sendes efter mange forsøg. Tryk »Prøv igen« for at sende den nu, eller annullér den.' }],
    ['an unknown local reason: its own text', 'rejected', local('something-new'), { title: null, advice: 'holdt tilbage' }],
  ] as const)('%s', (_name, state, error, expected) => {
    expect(outboxExplanation(state, error, 'message.create')).toEqual(expected);
  });

  it('tells a replayed command (412) that it was not sent twice', () => {
    expect(outboxExplanation('rejected', dfdg({ code: 412, httpStatus: 412 }), 'absence.create')?.advice).toMatch(/^Den er ikke sendt igen/);
  });
});
