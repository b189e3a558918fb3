import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectAttachment, PdfReader, type InspectOptions } from '../../../main/core/attachments';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/constants';
import { makePdf, truncatePdf } from '../../fixtures/pdf';

const utf8 = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

// One reader for the file, as the core keeps one: its worker is reused from PDF to PDF.
const reader = new PdfReader();
afterAll(() => reader.close());
const inspect = (name: string, bytes: Uint8Array, opts: Omit<InspectOptions, 'pdf'> = {}) => inspectAttachment(name, bytes, { pdf: reader, ...opts });

async function refusal(name: string, bytes: Uint8Array) {
  const r = await inspect(name, bytes);
  if (r.ok) throw new Error(`expected ${name} to be refused`);
  return r;
}

describe('inspectAttachment: accepted files', () => {
  it('accepts a valid PDF and reports its page count, size and SHA-256', async () => {
    const pdf = makePdf({ pages: 3, text: 'Indstilling om tilbud' });
    const r = await inspect('indstilling.pdf', pdf);
    expect(r).toEqual({ ok: true, mimeType: 'application/pdf', size: pdf.byteLength, sha256: hex(pdf), pageCount: 3, detectedType: 'pdf' });
  });

  it('accepts a PDF that uses compressed object streams (PDF 1.5)', async () => {
    const r = await inspect('a.pdf', makePdf({ pages: 2, objectStreams: true }));
    expect(r).toMatchObject({ ok: true, pageCount: 2 });
  });

  it('decides by content, not by name: a PDF called .txt is a PDF, an XML called .pdf is XML', async () => {
    expect(await inspect('noter.txt', makePdf())).toMatchObject({ ok: true, mimeType: 'application/pdf' });
    expect(await inspect('brev.pdf', utf8('<?xml version="1.0"?><brev/>'))).toMatchObject({ ok: true, mimeType: 'application/xml', pageCount: null });
  });

  it('accepts XML with a BOM, leading whitespace, comments, no declaration, and Danish letters', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('\n  <!-- udtræk --><borger navn="Søren Ærø">Åse</borger>\n')]);
    expect(await inspect('x.xml', bom)).toMatchObject({ ok: true, detectedType: 'xml', size: bom.byteLength });
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><navn>Søren</navn>', 'latin1');
    expect(await inspect('l.xml', new Uint8Array(latin1))).toMatchObject({ ok: true });
  });

  it('accepts a file exactly at the size limit, and a slice of a larger buffer', async () => {
    const pdf = makePdf();
    expect(await inspect('a.pdf', pdf, { maxBytes: pdf.byteLength })).toMatchObject({ ok: true });
    const big = new Uint8Array(pdf.byteLength + 20);
    big.set(pdf, 10);
    const slice = big.subarray(10, 10 + pdf.byteLength);
    expect(await inspect('a.pdf', slice)).toMatchObject({ ok: true, sha256: hex(pdf) });
  });

  it('does not modify or detach the caller\'s bytes', async () => {
    const pdf = makePdf();
    const copy = pdf.slice();
    await inspect('a.pdf', pdf);
    expect(pdf.byteLength).toBe(copy.byteLength);
    expect(Buffer.from(pdf).equals(Buffer.from(copy))).toBe(true);
  });
});

describe('inspectAttachment: refusals with a Danish message saying what to do', () => {
  it('refuses 0 bytes', async () => {
    const r = await refusal('tom.pdf', new Uint8Array(0));
    expect(r).toMatchObject({ reason: 'empty', detectedType: 'other' });
    expect(r.message).toMatch(/tom/);
  });

  it('refuses a file over 10 MB before looking at it, and names both sizes', async () => {
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(makePdf());
    const r = await refusal('stor.pdf', big);
    expect(r.reason).toBe('too-large');
    expect(r.message).toContain('10,0 MB');
    expect(r.message).toMatch(/højst/);
  });

  it('refuses programs by their magic bytes whatever they are called (MZ, ELF, Mach-O, #!)', async () => {
    const samples: [string, number[]][] = [
      ['rapport.pdf', [0x4d, 0x5a, 0x90, 0x00, 0x03]],
      ['data.xml', [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01]],
      ['bilag.pdf', [0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00]],
      ['bilag2.pdf', [0xca, 0xfe, 0xba, 0xbe, 0, 0]],
      ['script.xml', [...utf8('#!/bin/sh\nrm -rf ~\n')]],
    ];
    for (const [name, bytes] of samples) {
      const r = await refusal(name, new Uint8Array([...bytes, ...new Array(64).fill(0)]));
      expect(r, name).toMatchObject({ reason: 'executable', detectedType: 'other' });
      expect(r.message).toMatch(/program/);
    }
  });

  it('refuses other formats (PNG, Word/ZIP, plain text)', async () => {
    for (const bytes of [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]), utf8('Kære jobcenter')]) {
      const r = await refusal('x.pdf', bytes);
      expect(r.reason).toBe('not-pdf-or-xml');
      expect(r.message).toMatch(/Kun PDF og XML/);
    }
  });

  it('refuses a truncated PDF (no %%EOF) and a PDF pdf.js cannot parse', async () => {
    const cut = await refusal('a.pdf', truncatePdf(makePdf({ pages: 4 })));
    expect(cut).toMatchObject({ reason: 'truncated', detectedType: 'pdf' });
    expect(cut.message).toMatch(/Gem dokumentet som PDF igen/);
    const broken = await refusal('b.pdf', utf8('%PDF-1.7\nthis is not a pdf at all\n%%EOF\n'));
    expect(broken.reason).toBe('truncated');
  });

  it('refuses a PDF that needs a password', async () => {
    const r = await refusal('a.pdf', makePdf({ encryption: 'user-password' }));
    expect(r).toMatchObject({ reason: 'encrypted', detectedType: 'pdf' });
    expect(r.message).toContain('Gem dokumentet som PDF uden adgangskode og vedhæft det igen.');
  });

  it('refuses an owner-password-only PDF, which opens without a password but is still encrypted', async () => {
    const r = await refusal('a.pdf', makePdf({ encryption: 'owner-password-only' }));
    expect(r.reason).toBe('encrypted');
  });

  it('refuses PDFs with JavaScript in every place it can hide, also inside compressed object streams', async () => {
    for (const javascript of ['open-action', 'names', 'page-action', 'link-annotation'] as const) {
      for (const objectStreams of [false, true]) {
        const r = await refusal('a.pdf', makePdf({ javascript, objectStreams }));
        expect(r.reason, `${javascript} objectStreams=${objectStreams}`).toBe('javascript');
        expect(r.message).toMatch(/JavaScript/);
      }
    }
  });

  it('sees through #xx-escaped names (/J#53 is /JS)', async () => {
    const text = Buffer.from(makePdf({ javascript: 'open-action' })).toString('latin1').replace('/S /JavaScript /JS', '/S /Java#53cript /J#53');
    expect(text).toContain('/J#53');
    const r = await refusal('a.pdf', new Uint8Array(Buffer.from(text, 'latin1')));
    expect(r.reason).toBe('javascript');
  });

  it('ignores names inside ordinary (content) streams but not inside object streams', async () => {
    // A page whose drawn text mentions "/JS" is harmless: it is stream data, not an action.
    const r = await inspect('a.pdf', makePdf({ text: 'Se afsnit /JS og /Encrypt' }));
    expect(r).toMatchObject({ ok: true });
    // A Flate object stream is inflated and scanned (here a minimal one with a JS action).
    const pdf = Buffer.from(makePdf()).toString('latin1');
    const stm = deflateSync(Buffer.from('9 0 << /S /JavaScript /JS (x) >>'));
    const injected = pdf.replace('xref', `99 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${stm.length} >>\nstream\n${stm.toString('latin1')}\nendstream\nendobj\nxref`);
    expect((await refusal('b.pdf', new Uint8Array(Buffer.from(injected, 'latin1')))).reason).toBe('javascript');
  });

  it('refuses broken XML with the line it failed on', async () => {
    const r = await refusal('a.xml', utf8('<?xml version="1.0"?>\n<brev>\n  <emne>Hej</brev>'));
    expect(r).toMatchObject({ reason: 'malformed-xml', detectedType: 'xml' });
    expect(r.message).toMatch(/linje 3/);
  });

  it('refuses XML with two roots, unknown entities, a DOCTYPE, or invalid UTF-8', async () => {
    const cases = [
      utf8('<a/><b/>'),
      utf8('<a>&ukendt;</a>'),
      utf8('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>'),
      new Uint8Array([...utf8('<a>'), 0xc3, 0x28, ...utf8('</a>')]),
      utf8('<?xml version="1.0" encoding="EBCDIC-XYZ"?><a/>'),
    ];
    for (const bytes of cases) expect((await refusal('a.xml', bytes)).reason).toBe('malformed-xml');
  });

  it('gives up on a PDF pdf.js cannot finish in time and says it could not be read', async () => {
    const r = await inspect('a.pdf', makePdf({ pages: 40 }), { pdfTimeoutMs: 0 });
    expect(r).toMatchObject({ ok: false, reason: 'unreadable' });
  });
});
