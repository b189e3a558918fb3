// Text as it goes on the wire to DFDG. XML 1.0 cannot carry some characters at all (C0 controls other
// than TAB, LF and CR, e.g. the vertical tab Word puts in pasted text; lone surrogates; U+FFFE/U+FFFF),
// not even escaped, so the SOAP layer leaves them out. The outbox stores a message's text through the
// same function when it is queued, so what it stores, what goes out and what a read-back compares
// with DFDG's copy are one text (main/core/sync/commands.ts onTheWire).

const NOT_XML_SOURCE = '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const HAS_NOT_XML = new RegExp(NOT_XML_SOURCE);
const ALL_NOT_XML = new RegExp(NOT_XML_SOURCE, 'g');

/** Text as XML can carry it: characters XML 1.0 forbids are removed (they cannot be escaped either). */
export function xmlText(s: string): string {
  return HAS_NOT_XML.test(s) ? s.replace(ALL_NOT_XML, '') : s;
}
