// safeFileName (shared/fileNames.ts): the one rule for attachment and document names (issue 15 item 10).
import { describe, expect, it } from 'vitest';
import { SAFE_FILE_NAME_BYTES, SAFE_FILE_NAME_CHARS } from '../../shared/constants';
import { safeFileName } from '../../shared/fileNames';

const PDF = 'application/pdf' as const;
const XML = 'application/xml' as const;

describe('safeFileName', () => {
  it.each([
    // The review's examples.
    ['../../etc/passwd.pdf', PDF, 'passwd.pdf'],
    ['..\\..\\Windows\\System32\\evil.pdf', PDF, 'evil.pdf'],
    ['C:\\Users\\karen\\Documents\\Aftale.pdf', PDF, 'Aftale.pdf'],
    ['a/b\\c/../d.pdf', PDF, 'd.pdf'],
    ['rapport\u0000.exe', PDF, 'rapport.pdf'],
    ['hemmelig\u0000/../../x.pdf', PDF, 'x.pdf'],
    ['linje1\r\nlinje2.pdf', PDF, 'linje1linje2.pdf'],
    ['evil\u202Efdp.exe', PDF, 'evilfdp.pdf'],
    ['faktura\u202Eexe.pdf', PDF, 'fakturaexe.pdf'],
    ['CON', PDF, '_CON.pdf'],
    // Every bidi and format control named in the review.
    ['a\u202Ab\u202Bc\u202Cd\u202De\u202Ef.pdf', PDF, 'abcdef.pdf'],
    ['a\u2066b\u2067c\u2068d\u2069e.pdf', PDF, 'abcde.pdf'],
    ['a\u200Eb\u200Fc\u061Cd.pdf', PDF, 'abcd.pdf'],
    ['nul\u200Bbredde\uFEFF.pdf', PDF, 'nulbredde.pdf'],
    ['tab\tog\u007Fdel\u0085.pdf', PDF, 'tabogdel.pdf'],
    // Reserved Windows device names, whatever the case, the extension or trailing spaces.
    ['con.txt', PDF, '_con.pdf'],
    ['PRN.pdf', PDF, '_PRN.pdf'],
    ['aux', XML, '_aux.xml'],
    ['Nul ', PDF, '_Nul.pdf'],
    ['COM1.pdf', PDF, '_COM1.pdf'],
    ['com9', PDF, '_com9.pdf'],
    ['LPT1.tar.gz', PDF, '_LPT1.tar.pdf'],
    ['lpt9.pdf', PDF, '_lpt9.pdf'],
    ['CONSOLE.pdf', PDF, 'CONSOLE.pdf'],
    ['COM10.pdf', PDF, 'COM10.pdf'],
    // The extension is the detected type's.
    ['rapport.PDF', PDF, 'rapport.pdf'],
    ['rapport.pdf.exe', PDF, 'rapport.pdf'],
    ['rapport.exe', PDF, 'rapport.pdf'],
    ['foto.jpg', PDF, 'foto.pdf'],
    ['data.pdf', XML, 'data.xml'],
    ['cv', XML, 'cv.xml'],
    ['Møde 12.5.2024', PDF, 'Møde 12.5.2024.pdf'],
    // Dots, spaces and Windows' forbidden characters.
    ['  .skjult.pdf  ', PDF, 'skjult.pdf'],
    ['slut med punktum.pdf. . ', PDF, 'slut med punktum.pdf'],
    ['a:b*c?d"e<f>g|h.pdf', PDF, 'a_b_c_d_e_f_g_h.pdf'],
    ['', PDF, 'bilag.pdf'],
    ['\u202E\u0000 ../', PDF, 'bilag.pdf'],
    ['...', XML, 'bilag.xml'],
    // Danish letters and composed characters are kept (NFC).
    ['Indstilling – Søren Ærø.pdf', PDF, 'Indstilling – Søren Ærø.pdf'],
    ['A\u030Angstrøm.pdf', PDF, '\u00C5ngstrøm.pdf'],
  ] as const)('%j (%s) → %j', (input, mime, expected) => {
    expect(safeFileName(input, mime)).toBe(expected);
  });

  it('caps the length in characters and in UTF-8 bytes, never splitting a character, keeping the extension', () => {
    const long = safeFileName(`${'a'.repeat(300)}.pdf`, PDF);
    expect(long).toBe(`${'a'.repeat(SAFE_FILE_NAME_CHARS - 4)}.pdf`);
    const wide = safeFileName(`${'æ'.repeat(200)}.pdf`, PDF);
    expect(new TextEncoder().encode(wide).length).toBeLessThanOrEqual(SAFE_FILE_NAME_BYTES);
    expect(wide).toMatch(/^æ+\.pdf$/);
    const emoji = safeFileName(`${'📄'.repeat(100)}.pdf`, PDF);
    expect(emoji).toMatch(/^(📄)+\.pdf$/u);
    expect(new TextEncoder().encode(emoji).length).toBeLessThanOrEqual(SAFE_FILE_NAME_BYTES);
    // Cut where the cut leaves a trailing dot or space: trimmed, not kept.
    expect(safeFileName(`${'a'.repeat(SAFE_FILE_NAME_CHARS - 5)}. b.pdf`, PDF)).toBe(`${'a'.repeat(SAFE_FILE_NAME_CHARS - 5)}.pdf`);
  });

  it('is idempotent: a name it returned comes back unchanged', () => {
    const inputs = ['../../etc/passwd.pdf', 'evil\u202Efdp.exe', 'CON', 'con.txt', 'x.pdf.pdf', '.pdf', `${'ø'.repeat(300)}`, 'Møde 12.5.2024', '  ', 'a:b.pdf', 'LPT1.tar.gz'];
    for (const input of inputs) {
      for (const mime of [PDF, XML]) {
        const once = safeFileName(input, mime);
        expect(safeFileName(once, mime), JSON.stringify(input)).toBe(once);
      }
    }
  });

  it('leaves no path separator, control, bidi or format character in any name', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['/', '\\', '.', ' ', 'a', 'Æ', '\u0000', '\r', '\n', '\u202E', '\u2066', '\u200F', '\u061C', ':', 'C', 'O', 'N', '📄', '\uD800'];
    for (let i = 0; i < 2_000; i++) {
      const name = Array.from({ length: 1 + Math.floor(rnd() * 30) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      const out = safeFileName(name, PDF);
      expect(out).not.toMatch(/[/\\\p{Cc}\p{Cf}\p{Cs}<>:"|?*]/u);
      expect(out.endsWith('.pdf')).toBe(true);
      expect(out).not.toMatch(/^[.\s]/u);
      expect(out.split('.')[0]!.trim()).not.toMatch(/^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i);
    }
  });
});
