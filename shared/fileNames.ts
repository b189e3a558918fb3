// Attachment and document file names as DFDG Desk stores, shows and sends them: one function, used
// wherever a name is kept (a draft's attachment, the outbox, a cached document) or leaves the app (the
// CreateMessage request, a file the caseworker saves).

import { SAFE_FILE_NAME_BYTES, SAFE_FILE_NAME_CHARS } from './constants';

/** The types an attachment or a DFDG document can have, by MIME type, with the extension each gets. */
export const FILE_EXTENSIONS = { 'application/pdf': 'pdf', 'application/xml': 'xml' } as const;
export type FileMimeType = keyof typeof FILE_EXTENSIONS;

/** Said when nothing of the name is left. */
export const DEFAULT_FILE_STEM = 'bilag';

// Control characters (C0 with NUL, CR, LF, TAB; DEL; C1), format characters (among them the bidi
// controls U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C, and zero-width ones), lone surrogates,
// and the two noncharacters XML cannot carry.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\uFFFE\uFFFF]/gu;
// Characters Windows does not allow in a file name (':' would also name an NTFS stream).
const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;
// Device names Windows reserves whatever the extension (CON.pdf opens the console), superscript digits included.
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// An extension: a final dot and up to ten letters or digits, at least one a letter (so "12.5.2024" keeps its date).
const EXTENSION = /\.(?=[\p{L}\p{N}]{0,9}\p{L})[\p{L}\p{N}]{1,10}$/u;

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;
const trimDotsAndSpaces = (s: string) => s.replace(/^[.\s]+|[.\s]+$/gu, '');

/** The stem cut to whole code points so that stem + ext fits both limits, trimmed; `bilag` if empty. */
function cap(s: string, ext: string): string {
  const room = SAFE_FILE_NAME_CHARS - ext.length;
  let stem = '';
  let chars = 0;
  for (const ch of s) {
    if (chars + 1 > room || utf8Bytes(stem + ch + ext) > SAFE_FILE_NAME_BYTES) break;
    stem += ch;
    chars++;
  }
  return trimDotsAndSpaces(stem) || DEFAULT_FILE_STEM;
}

/**
 * The file name to store and send for an attachment or a document of `mimeType`:
 * - the base name only: whatever comes before the last `/` or `\` is dropped (no path travels);
 * - control, bidi and other invisible format characters removed (NUL, CR/LF, U+202E "right-to-left
 *   override" that shows `evil\u202Efdp.exe` as "evilexe.pdf"), characters Windows forbids replaced by `_`;
 * - the extension is the one of the detected type (`.pdf`, `.xml`), whatever the name said: the last
 *   extension is replaced (`rapport.exe` → `rapport.pdf`), and not doubled (`rapport.pdf.exe` → `rapport.pdf`);
 * - leading and trailing dots and spaces trimmed; a name Windows reserves (CON, PRN, AUX, NUL, COM0–9,
 *   LPT0–9) gets the prefix `_`; an empty name becomes `bilag`;
 * - at most SAFE_FILE_NAME_CHARS characters and SAFE_FILE_NAME_BYTES UTF-8 bytes, extension included.
 * Unicode NFC. Idempotent: a name it returned comes back unchanged.
 */
export function safeFileName(name: string, mimeType: FileMimeType): string {
  const ext = `.${FILE_EXTENSIONS[mimeType]}`;
  let s = String(name ?? '').normalize('NFC');
  // Invisible characters first: a NUL or an override between "/" and the name must not hide the path.
  s = s.replace(INVISIBLE, '');
  s = s.split(/[/\\]/).pop() ?? '';
  s = s.replace(WINDOWS_FORBIDDEN, '_');
  s = trimDotsAndSpaces(s);
  // The name's own extension goes; if what is left already ends in the right one, it is not added twice.
  s = trimDotsAndSpaces(s.replace(EXTENSION, ''));
  if (s.toLowerCase().endsWith(ext)) s = trimDotsAndSpaces(s.slice(0, -ext.length));
  let stem = cap(s, ext);
  // "CON", "con.tar", "Nul " are devices to Windows whatever follows: prefix them.
  if (RESERVED.test(stem.split('.')[0]!.trim())) stem = cap(`_${stem}`, ext);
  return `${stem}${ext}`;
}
