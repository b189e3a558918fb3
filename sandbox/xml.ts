// A small namespace-aware XML layer on fast-xml-parser. fast-xml-parser reads the document
// (preserveOrder keeps the structure); this module resolves every prefix to its namespace URI, so
// the services match elements on (namespace, local name) and never on prefixes. It also decodes
// entities itself (the five predefined ones and numeric references; anything else is an error)
// and serialises responses with correct escaping.

import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XEl {
  ns: string;
  name: string;
  attrs: Record<string, string>;
  children: XEl[];
  /** Concatenated character data of this element (text and CDATA), decoded. */
  text: string;
}

export class XmlError extends Error {}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
});

const ENTITY_RE = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);?/g;

function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY_RE, (whole, ent: string) => {
    if (!whole.endsWith(';')) throw new XmlError('Malformed entity reference');
    switch (ent) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    if (ent.startsWith('#')) {
      const cp = ent[1] === 'x' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      if (!Number.isFinite(cp) || cp < 1 || cp > 0x10ffff) throw new XmlError('Invalid character reference');
      return String.fromCodePoint(cp);
    }
    throw new XmlError(`Undefined entity &${ent};`);
  });
}

type RawNode = Record<string, unknown>;

function splitName(qname: string): [string | null, string] {
  const i = qname.indexOf(':');
  return i < 0 ? [null, qname] : [qname.slice(0, i), qname.slice(i + 1)];
}

function build(node: RawNode, scope: Map<string | null, string>): XEl {
  const attrsRaw = (node[':@'] ?? {}) as Record<string, string>;
  const tag = Object.keys(node).find((k) => k !== ':@');
  if (!tag) throw new XmlError('Empty node');
  let local = scope;
  for (const [k, v] of Object.entries(attrsRaw)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) {
      if (local === scope) local = new Map(scope);
      local.set(k === 'xmlns' ? null : k.slice(6), decode(String(v)));
    }
  }
  const [prefix, name] = splitName(tag);
  const ns = local.get(prefix);
  if (ns === undefined) {
    if (prefix !== null) throw new XmlError(`Undeclared prefix ${prefix}`);
  }
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrsRaw)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    const [ap, an] = splitName(k);
    if (ap === null) attrs[an] = decode(String(v));
    else if (ap === 'xml') attrs[`{http://www.w3.org/XML/1998/namespace}${an}`] = decode(String(v));
    else {
      const ans = local.get(ap);
      if (ans === undefined) throw new XmlError(`Undeclared prefix ${ap}`);
      attrs[`{${ans}}${an}`] = decode(String(v));
    }
  }
  const el: XEl = { ns: ns ?? '', name, attrs, children: [], text: '' };
  const kids = node[tag];
  if (Array.isArray(kids)) {
    for (const kid of kids as RawNode[]) {
      if ('#text' in kid) el.text += decode(String(kid['#text']));
      else if ('#cdata' in kid) {
        const parts = kid['#cdata'];
        if (Array.isArray(parts)) for (const p of parts as RawNode[]) el.text += String(p['#text'] ?? '');
      } else if ('#comment' in kid) continue;
      else el.children.push(build(kid, local));
    }
  }
  return el;
}

/** Parses a whole document; throws XmlError when it is not well-formed or uses a DOCTYPE. */
export function parseXml(xml: string): XEl {
  if (/<!DOCTYPE/i.test(xml)) throw new XmlError('DOCTYPE is not allowed');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new XmlError(valid.err.msg);
  let doc: RawNode[];
  try {
    doc = parser.parse(xml) as RawNode[];
  } catch (e) {
    // The parser's own limits (e.g. "Maximum nested tags exceeded") are the sender's fault, like any
    // other malformed input: a client fault (1014), never a server fault a client would retry.
    throw new XmlError(e instanceof Error ? e.message : 'The message could not be parsed');
  }
  const roots = doc.filter((n) => !('#text' in n) && !('#comment' in n));
  if (roots.length !== 1 || !roots[0]) throw new XmlError('Expected exactly one root element');
  const root = build(roots[0], new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
  return root;
}

export function child(el: XEl, ns: string, name: string): XEl | undefined {
  return el.children.find((c) => c.ns === ns && c.name === name);
}

// ----------------------------------------------------------------------------------------------
// Serialisation

/** An element to write: children are elements, or text; null/undefined children are skipped. */
export interface WEl {
  name: string;
  attrs?: Record<string, string>;
  content?: (WEl | null | undefined)[] | string | number | boolean | null;
}

export function escapeText(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

export function escapeAttr(s: string): string {
  return s.replace(/[&<>"\r\n\t]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c === '\r' ? '&#13;' : c === '\n' ? '&#10;' : '&#9;',
  );
}

/** el('Name', 'text' | [children]); undefined/null content → an empty element. */
export function el(name: string, content?: WEl['content'], attrs?: Record<string, string>): WEl {
  return { name, content, ...(attrs ? { attrs } : {}) };
}

/** An optional element: null when the value is null/undefined (skipped by the writer). */
export function opt(name: string, value: string | number | boolean | null | undefined): WEl | null {
  return value === null || value === undefined ? null : el(name, value);
}

export function serialize(w: WEl): string {
  let out = `<${w.name}`;
  if (w.attrs) for (const [k, v] of Object.entries(w.attrs)) out += ` ${k}="${escapeAttr(v)}"`;
  const c = w.content;
  if (c === undefined || c === null || (Array.isArray(c) && c.every((x) => x === null || x === undefined))) return `${out}/>`;
  out += '>';
  if (Array.isArray(c)) {
    for (const k of c) if (k) out += serialize(k);
  } else out += escapeText(String(c));
  return `${out}</${w.name}>`;
}
