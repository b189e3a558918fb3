// The sandbox's namespace-aware XML layer: prefixes are free, namespaces decide; entities are
// decoded exactly; what it writes parses back to the same text.

import { describe, expect, it } from 'vitest';
import { SchemaError, validate } from '../../sandbox/schema';
import { el, parseXml, serialize, XmlError } from '../../sandbox/xml';

describe('xml layer', () => {
  it('resolves prefixes and default namespaces to the same (namespace, local name)', () => {
    const a = parseXml('<a:Root xmlns:a="urn:x"><a:Child>1</a:Child></a:Root>');
    const b = parseXml('<Root xmlns="urn:x"><Child>1</Child></Root>');
    const c = parseXml('<q:Root xmlns:q="urn:x" xmlns="urn:other"><q:Child>1</q:Child><Child>2</Child></q:Root>');
    for (const r of [a, b, c]) {
      expect(r.ns).toBe('urn:x');
      expect(r.name).toBe('Root');
      expect(r.children[0]?.ns).toBe('urn:x');
      expect(r.children[0]?.name).toBe('Child');
    }
    expect(c.children[1]?.ns).toBe('urn:other');
  });

  it('decodes the predefined entities, character references and CDATA exactly once', () => {
    const r = parseXml('<r><t>&lt;b&gt; &amp;amp; &#230;&#xF8;&#229; &quot;x&apos;</t><c><![CDATA[<i>&amp;</i>]]></c></r>');
    expect(r.children[0]?.text).toBe('<b> &amp; æøå "x\'');
    expect(r.children[1]?.text).toBe('<i>&amp;</i>');
  });

  it('refuses malformed XML, undefined entities and DOCTYPEs', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(XmlError);
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow(XmlError);
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')).toThrow(XmlError);
    expect(() => parseXml('<p:a>x</p:a>')).toThrow(XmlError);
  });

  it('writes text that parses back unchanged (escaping of <, &, æøå, quotes, CR)', () => {
    const tricky = 'Hej <b> & "Søren" \'Åse\' æøå ]]> \r\n slut';
    const xml = serialize(el('Root', [el('Body', tricky)], { xmlns: 'urn:x', note: 'a"b<c>&\n' }));
    const back = parseXml(xml);
    expect(back.children[0]?.text).toBe(tricky);
    expect(back.attrs.note).toBe('a"b<c>&\n');
  });

  it('validates occurrences, types and unknown elements (the sandbox\'s stand-in for the XSD)', () => {
    const spec = {
      Id: { t: 'guid' as const },
      Count: { t: 'int' as const, range: [0, 59] as [number, number] },
      Name: { t: 'str' as const, len: [1, 5] as [number, number] },
      Flag: { t: 'bool' as const, min: 0 },
      Doc: { t: 'obj' as const, min: 0, max: 2, fields: { Content: { t: 'b64' as const } } },
    };
    const ok = validate(
      parseXml('<R xmlns="urn:x"><Count>7</Count><Id>0A2B3C4D-0000-4000-8000-000000000001</Id><Name>Åse</Name><Doc><Content>JVBERi0=</Content></Doc></R>'),
      spec,
      'urn:x',
    );
    expect(ok.Id).toBe('0a2b3c4d-0000-4000-8000-000000000001');
    expect(ok.Count).toBe(7);
    expect(ok.Name).toBe('Åse');
    expect(Array.isArray(ok.Doc)).toBe(true);
    const bad = [
      '<R xmlns="urn:x"><Count>7</Count><Name>a</Name></R>', // missing Id
      '<R xmlns="urn:x"><Id>nope</Id><Count>7</Count><Name>a</Name></R>', // bad guid
      '<R xmlns="urn:x"><Id>0a2b3c4d-0000-4000-8000-000000000001</Id><Count>60</Count><Name>a</Name></R>', // range
      '<R xmlns="urn:x"><Id>0a2b3c4d-0000-4000-8000-000000000001</Id><Count>1</Count><Name>abcdef</Name></R>', // too long
      '<R xmlns="urn:x"><Id>0a2b3c4d-0000-4000-8000-000000000001</Id><Count>1</Count><Name>a</Name><Extra/></R>', // unknown
      '<R xmlns="urn:x" xmlns:o="urn:o"><o:Id>0a2b3c4d-0000-4000-8000-000000000001</o:Id><Count>1</Count><Name>a</Name></R>', // wrong namespace
      '<R xmlns="urn:x"><Id>0a2b3c4d-0000-4000-8000-000000000001</Id><Count>1</Count><Name>a</Name><Flag>yes</Flag></R>', // bad boolean
      '<R xmlns="urn:x"><Id>0a2b3c4d-0000-4000-8000-000000000001</Id><Count>1</Count><Name>a</Name><Doc><Content>@@</Content></Doc></R>', // bad base64
    ];
    for (const xml of bad) expect(() => validate(parseXml(xml), spec, 'urn:x'), xml).toThrow(SchemaError);
  });
});
