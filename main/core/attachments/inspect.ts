// Attachment intake: decide by content, never by name, whether a file may be attached to a message
// to DFDG (PDF or XML only; rules.md MSG_ATTACHMENT_TYPE / MSG_ATTACHMENT_SIZE), and describe it.

import { createHash } from 'node:crypto';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/constants';
import { refusalMessage, type AttachmentRefusal } from './messages';
import { scanPdf, type PdfReader } from './pdf';
import { sniffXml, xmlProblem } from './xml';

export type AttachmentInspection =
  | {
      ok: true;
      mimeType: 'application/pdf' | 'application/xml';
      size: number;
      /** Hex SHA-256 of the content. */
      sha256: string;
      pageCount: number | null;
      detectedType: 'pdf' | 'xml';
    }
  | { ok: false; reason: AttachmentRefusal; message: string; detectedType: 'pdf' | 'xml' | 'other' };

export interface InspectOptions {
  /** Reads PDFs with pdf.js in worker threads (the core's, closed with it). */
  pdf: PdfReader;
  /** Largest accepted size in bytes (default MAX_ATTACHMENT_BYTES, 10 MB). */
  maxBytes?: number;
  /** How long pdf.js may take to read the PDF (default 15 s); its worker thread is stopped then. */
  pdfTimeoutMs?: number;
}

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v);

/** Executable formats, recognised by their magic bytes (whatever the file is called). */
function isExecutable(b: Uint8Array): boolean {
  return (
    startsWith(b, [0x4d, 0x5a]) || // MZ: DOS/Windows PE (.exe, .dll, .scr)
    startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    startsWith(b, [0xfe, 0xed, 0xfa, 0xce]) || // Mach-O 32-bit
    startsWith(b, [0xfe, 0xed, 0xfa, 0xcf]) || // Mach-O 64-bit
    startsWith(b, [0xce, 0xfa, 0xed, 0xfe]) || // Mach-O 32-bit, little-endian
    startsWith(b, [0xcf, 0xfa, 0xed, 0xfe]) || // Mach-O 64-bit, little-endian
    startsWith(b, [0xca, 0xfe, 0xba, 0xbe]) || // Mach-O universal (also Java class files)
    startsWith(b, [0x23, 0x21]) // #! script
  );
}

const refuse = (reason: AttachmentRefusal, detectedType: 'pdf' | 'xml' | 'other', detail?: Parameters<typeof refusalMessage>[1]) =>
  ({ ok: false, reason, message: refusalMessage(reason, detail), detectedType }) as const;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * Inspects a file the caseworker wants to attach. Never throws for any content; the file name is not
 * used to decide anything (a renamed program is still a program).
 */
export async function inspectAttachment(_fileName: string, bytes: Uint8Array, opts: InspectOptions): Promise<AttachmentInspection> {
  const maxBytes = opts.maxBytes ?? MAX_ATTACHMENT_BYTES;
  const size = bytes.byteLength;
  if (size > maxBytes) return refuse('too-large', 'other', { size, maxBytes });
  if (size === 0) return refuse('empty', 'other');
  if (isExecutable(bytes)) return refuse('executable', 'other');

  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return inspectPdf(bytes, opts.pdf, opts.pdfTimeoutMs ?? 15_000);

  const sniff = sniffXml(bytes);
  if (sniff.xml) {
    let problem: string | null;
    try {
      problem = xmlProblem(sniff.text);
    } catch {
      problem = 'filen kunne ikke læses som XML';
    }
    if (problem) return refuse('malformed-xml', 'xml', { xmlError: problem });
    return { ok: true, mimeType: 'application/xml', size, sha256: sha256(bytes), pageCount: null, detectedType: 'xml' };
  }
  if (sniff.reason === 'bad-encoding') return refuse('malformed-xml', 'xml', { xmlError: 'tegnkodningen er ugyldig eller ukendt' });
  return refuse('not-pdf-or-xml', 'other');
}

async function inspectPdf(bytes: Uint8Array, reader: PdfReader, timeoutMs: number): Promise<AttachmentInspection> {
  const scan = scanPdf(bytes);
  if (!scan.hasEof) return refuse('truncated', 'pdf');
  // Encryption first: an encrypted file's objects cannot be read reliably, so nothing else is trusted.
  if (scan.encrypted) return refuse('encrypted', 'pdf');
  if (scan.activeContent) return refuse('javascript', 'pdf');
  const read = await reader.analyse(bytes, timeoutMs);
  if (!read.ok) return refuse(read.reason, 'pdf');
  if (read.encrypted) return refuse('encrypted', 'pdf');
  if (read.javascript) return refuse('javascript', 'pdf');
  return { ok: true, mimeType: 'application/pdf', size: bytes.byteLength, sha256: sha256(bytes), pageCount: read.pageCount, detectedType: 'pdf' };
}
