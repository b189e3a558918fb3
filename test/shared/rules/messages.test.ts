// What a caseworker sees while writing a message: the exact advice, on the right field, and nothing
// for a draft DFDG will accept.

import { describe, expect, it } from 'vitest';
import { checkMessageDraft, messageTypesFor, type MessageDraftInput } from '../../../shared/rules';
import { AKASSE, JOBCENTER, citizen, ctx, draft, goodType11 } from './cases';

const ids = (d: MessageDraftInput, c = ctx()) => checkMessageDraft(d, c).map((f) => f.ruleId);

describe('checkMessageDraft', () => {
  it('says nothing about a good type 11 from an a-kasse, and nothing about a plain type 1 from either side', () => {
    expect(checkMessageDraft(goodType11({ attachments: [{ fileName: 'indstilling.pdf', detectedType: 'pdf', size: 120_000 }] }), ctx())).toEqual([]);
    expect(checkMessageDraft(draft(), ctx())).toEqual([]);
    expect(checkMessageDraft(draft({ channel: 1 }), ctx({ org: JOBCENTER }))).toEqual([]);
  });

  it('tells the a-kasse exactly which channel a recommendation needs', () => {
    const [f] = checkMessageDraft(goodType11({ channel: 2 }), ctx());
    expect(f).toEqual({
      ruleId: 'MSG11_CHANNEL',
      severity: 'error',
      field: 'channel',
      message: 'Indstilling om tilbud skal sendes via kanal 4 »Myndighed til myndighed«.',
      source: expect.stringContaining('seed 000'),
    });
  });

  it('tells a jobcenter how to answer instead of sending type 11, without nagging about content', () => {
    const findings = checkMessageDraft(goodType11({ body: 'kort', channel: 1 }), ctx({ org: JOBCENTER }));
    expect(findings.map((f) => f.ruleId)).toEqual(['MSG11_SENDER']);
    expect(findings[0]?.message).toContain('beskedtype 1 »Almen orientering«');
  });

  it('names the date a type starts, in Danish format', () => {
    const f = checkMessageDraft(goodType11(), ctx({ asOf: '2023-06-30' })).find((x) => x.ruleId === 'MSG_CONTEXT_VALID');
    expect(f?.message).toBe('Beskedtypen 11 »Indstilling om tilbud« kan først bruges fra 01-07-2023. Vælg en anden beskedtype.');
  });

  it('refuses type 2 from an a-kasse from 01-01-2024 with a suggestion', () => {
    const f = checkMessageDraft(draft({ contextType: 2 }), ctx({ asOf: '2024-01-01' }));
    expect(f).toHaveLength(1);
    // Seed 000 AC 999.11.2: the a-kasser's duty ended; id 2 stays in DFDG's code list (no claim that DFDG refuses it).
    expect(f[0]?.message).toBe(
      "A-kasser udarbejder ikke længere udkast til Min plan (ophørt 01-01-2024, STAR). Beskedtype 2 »Udkast til min plan« findes stadig i DFDG's kodeliste, men bruges ikke af a-kasser; brug fx beskedtype 1 »Almen orientering«.",
    );
  });

  it('checks the body that is sent, not the form: a filled form with a bare body names each missing part', () => {
    const findings = checkMessageDraft(
      goodType11({ body: 'Se vedhæftede.', recommendation: { offerType: 2, durationWeeks: 8, company: { name: 'Tømrer Hansen', cvr: '12345678' }, supportingActivities: [] } }),
      ctx(),
    );
    expect(findings.filter((f) => f.ruleId === 'MSG11_CONTENT').map((f) => [f.field, f.message])).toEqual([
      ['body', 'Teksten, der sendes, nævner ikke tilbuddet. Skriv »Virksomhedspraktik« i teksten; formularen alene sendes ikke.'],
      ['body', 'Teksten, der sendes, nævner ikke varigheden (8 uger i formularen). Skriv den i teksten.'],
      ['body', 'Teksten, der sendes, nævner ikke virksomheden (Tømrer Hansen). Skriv den i teksten.'],
    ]);
  });

  it('the built-in template sent as it is: one error per field naming its placeholders, and the content warnings it used to satisfy', () => {
    const body =
      'Kære jobcenter\n\nA-kassen indstiller, at Anna Jensen får tilbud om [tilbudstype] i [varighed] uger.\n\nVirksomhed eller kursusudbyder: [navn, CVR]\nBegrundelse: [hvorfor tilbuddet vil hjælpe medlemmet i job]\n\nVenlig hilsen\nMette';
    const findings = checkMessageDraft(goodType11({ body }), ctx());
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.ruleId, f.field, f.message])).toEqual([
      ['TEMPLATE_PLACEHOLDER', 'body', 'Teksten indeholder pladsholdere fra skabelonen, som ikke er udfyldt: »[tilbudstype]«, »[varighed]«, »[navn, CVR]«. Skriv den rigtige tekst i stedet.'],
    ]);
    expect(findings.filter((f) => f.ruleId === 'MSG11_CONTENT').length).toBeGreaterThanOrEqual(2);
  });

  it('accepts the generated body of a filled form', () => {
    const d = goodType11({
      body: 'A-kassen indstiller, at Anna Jensen får tilbud om virksomhedspraktik.\n\nTilbud: Virksomhedspraktik\nVarighed: 10 uger\nVirksomhed: Tømrer Hansen, CVR 12345678\n\nBegrundelse:\nMotiveret.',
      recommendation: { offerType: 2, durationWeeks: 10, company: { name: 'Tømrer Hansen', cvr: '12345678' }, supportingActivities: [] },
    });
    expect(checkMessageDraft(d, ctx())).toEqual([]);
  });

  it('warns (never blocks) about the target group', () => {
    const findings = checkMessageDraft(goodType11(), ctx({ citizen: citizen({ contactGroup: 7 }) }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'MSG11_TARGET_GROUP', severity: 'warning' });
    expect(findings[0]?.message).toContain('kontaktgruppe 7 »Fleksjobvisiteret (ledig)«');
  });

  it('reports every problem of every attachment on its own field', () => {
    const findings = checkMessageDraft(
      draft({
        attachments: [
          { fileName: 'ok.pdf', detectedType: 'pdf', size: 100 },
          { fileName: 'billede.png', detectedType: 'other', size: 12 * 1024 * 1024 },
        ],
      }),
      ctx(),
    );
    expect(findings.map((f) => [f.ruleId, f.field])).toEqual([
      ['MSG_ATTACHMENT_TYPE', 'attachments[1]'],
      ['MSG_ATTACHMENT_SIZE', 'attachments[1]'],
    ]);
    expect(findings[1]?.message).toBe('Bilaget »billede.png« fylder 12,0 MB. DFDG Desk sender bilag på højst 10 MB; del det op eller gør det mindre.');
  });

  it('never repeats a CPR number from a file name or a subject in its advice', () => {
    const findings = checkMessageDraft(
      draft({ subject: '<b>010100-1234</b>', attachments: [{ fileName: 'sag_0101001234.docx', detectedType: 'other', size: 1 }] }),
      ctx(),
    );
    expect(findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['MSG_SUBJECT_CPR', 'MSG_BODY_HTML', 'MSG_ATTACHMENT_TYPE']));
    for (const f of findings) expect(f.message).not.toMatch(/0101001234|010100-1234/);
    expect(findings.find((f) => f.ruleId === 'MSG_ATTACHMENT_TYPE')?.message).toContain('sag_******-****.docx');
  });

  it('counts the characters of an over-long text in Danish number format', () => {
    const f = checkMessageDraft(draft({ body: 'x'.repeat(12_345) }), ctx()).find((x) => x.ruleId === 'MSG_BODY_LENGTH');
    expect(f?.message).toContain('12.345 tegn');
  });

  it('handles a 5 MB body quickly and without throwing', () => {
    const huge = '<'.repeat(2_500_000) + 'a'.repeat(2_500_000);
    expect(ids(draft({ body: huge, subject: huge }))).toEqual(['MSG_SUBJECT_LENGTH', 'MSG_BODY_LENGTH']);
  });

  it('a deceased citizen blocks every message', () => {
    expect(ids(draft(), ctx({ citizen: citizen({ deceased: true }) }))).toEqual(['CITIZEN_DECEASED']);
  });

  it('uses refreshed code lists from ctx.codeLists', () => {
    const codeLists = { CitizenMessageChannelTypeIdentifier: [{ id: 4, name: 'Myndighed til myndighed', validFrom: '2014-11-01', validTo: '2100-07-01' }] };
    expect(ids(draft({ channel: 1 }), ctx({ codeLists }))).toEqual(['MSG_CHANNEL_VALID']);
    expect(ids(draft({ channel: 4 }), ctx({ codeLists }))).toEqual([]);
  });
});

describe('messageTypesFor', () => {
  const typesOn = (asOf: string, org: typeof AKASSE | typeof JOBCENTER) => messageTypesFor(ctx({ asOf, org })).map((t) => t.id);

  it('offers type 11 to an a-kasse from 01-07-2023 and never to a jobcenter', () => {
    expect(typesOn('2023-06-30', AKASSE)).not.toContain(11);
    expect(typesOn('2023-07-01', AKASSE)).toContain(11);
    expect(typesOn('2023-07-02', AKASSE)).toContain(11);
    expect(typesOn('2026-11-22', JOBCENTER)).not.toContain(11);
  });

  it('stops offering type 2 to an a-kasse from 01-01-2024', () => {
    expect(typesOn('2023-12-31', AKASSE)).toContain(2);
    expect(typesOn('2024-01-01', AKASSE)).not.toContain(2);
    expect(typesOn('2024-01-02', AKASSE)).not.toContain(2);
  });

  it('offers what each side sends today', () => {
    expect(typesOn('2026-11-22', AKASSE)).toEqual([1, 3, 4, 11]);
    expect(typesOn('2026-11-22', JOBCENTER)).toEqual([1, 3, 4, 10]);
  });

  it('leaves out a type DFDG adds until we know who sends it, and honours a refreshed end date', () => {
    const codeLists = {
      CitizenMessageContextTypeIdentifier: [
        { id: 1, name: 'Almen orientering', validFrom: '2014-11-01', validTo: '2026-01-01' },
        { id: 3, name: 'Jobformidling', validFrom: '2014-11-01', validTo: '2100-07-01' },
        { id: 12, name: 'Ny type', validFrom: '2026-01-01', validTo: '2100-07-01' },
      ],
    };
    expect(messageTypesFor(ctx({ codeLists })).map((t) => t.id)).toEqual([3]);
  });

  it('gives an empty list for an unreadable context', () => {
    expect(messageTypesFor({ asOf: 'i dag' } as never)).toEqual([]);
    expect(messageTypesFor(null as never)).toEqual([]);
  });
});
