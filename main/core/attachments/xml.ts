// XML checks for attachment intake: decode by BOM or declared encoding, then validate with
// fast-xml-parser's validator plus the checks it leaves out (one root element, no undefined entities,
// no DOCTYPE).

import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlSniff = { xml: true; text: string } | { xml: false; reason: 'not-xml' | 'bad-encoding' };

const BOM_UTF8 = [0xef, 0xbb, 0xbf];

/** Does the content start like an XML document (after an optional BOM and whitespace)? Decodes it if so. */
export function sniffXml(bytes: Uint8Array): XmlSniff {
  let encoding = 'utf-8';
  let offset = 0;
  if (bytes[0] === BOM_UTF8[0] && bytes[1] === BOM_UTF8[1] && bytes[2] === BOM_UTF8[2]) offset = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, offset] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, offset] = ['utf-16be', 2];

  // Look at the start in the BOM's encoding (ASCII-compatible for UTF-8 and the 8-bit charsets).
  const headBytes = bytes.subarray(offset, offset + 512);
  const head = new TextDecoder(encoding).decode(headBytes).replace(/^[\s\uFEFF]+/, '');
  if (!/^<(?:\?xml[\s?]|!--|[A-Za-z_:\u00C0-\uFFFF])/.test(head)) return { xml: false, reason: 'not-xml' };

  if (encoding === 'utf-8') {
    const declared = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
    if (declared && declared !== 'utf-8' && declared !== 'utf8') {
      const known: Record<string, string> = { 'iso-8859-1': 'iso-8859-1', latin1: 'iso-8859-1', 'windows-1252': 'windows-1252', 'us-ascii': 'utf-8', 'iso-8859-15': 'iso-8859-15' };
      const label = known[declared];
      if (!label) return { xml: false, reason: 'bad-encoding' };
      encoding = label;
    }
  }
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(offset));
    return { xml: true, text };
  } catch {
    return { xml: false, reason: 'bad-encoding' };
  }
}

const PREDEFINED_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);)/;

/** null when the document is well-formed; otherwise a short Danish description of the first problem. */
export function xmlProblem(text: string): string | null {
  // ASSUMED (wire-contract.md §2.4 only says "an XML must parse"): documents sent to DFDG carry no DTD;
  // a DOCTYPE (entity expansion, external entities) is refused rather than interpreted.
  if (/<!DOCTYPE/i.test(text)) return 'filen indeholder en DOCTYPE-erklæring, som ikke er tilladt';
  const result = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (result !== true) return `fejl i linje ${result.err.line}, kolonne ${result.err.col}`;
  const withoutMarkup = text.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  if (PREDEFINED_ENTITY.test(withoutMarkup)) return 'filen bruger en ukendt entitet (&…;)';
  const top = new XMLParser({ preserveOrder: true, ignoreDeclaration: true, ignorePiTags: true, commentPropName: '#comment', processEntities: false })
    .parse(text) as Record<string, unknown>[];
  const roots = top.filter((node) => Object.keys(node).some((k) => k !== '#comment' && k !== '#text' && k !== ':@'));
  if (roots.length !== 1) return roots.length === 0 ? 'filen har intet rodelement' : 'filen har mere end ét rodelement';
  return null;
}
