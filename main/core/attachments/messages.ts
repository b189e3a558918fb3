// What the caseworker reads when a file is refused: plain Danish, saying what is wrong and what to do.

export type AttachmentRefusal =
  | 'empty'
  | 'too-large'
  | 'not-pdf-or-xml'
  | 'executable'
  | 'truncated'
  | 'encrypted'
  | 'javascript'
  | 'malformed-xml'
  | 'unreadable';

/** '12,3 MB' / '850 kB' / '12 byte', Danish decimal comma. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} byte`;
}

const RESAVE_PDF = 'Gem dokumentet som PDF igen, og vedhæft det på ny.';

export function refusalMessage(reason: AttachmentRefusal, detail: { size?: number; maxBytes?: number; xmlError?: string } = {}): string {
  switch (reason) {
    case 'empty':
      return 'Filen er tom (0 byte). Vælg det rigtige dokument, og vedhæft det igen.';
    case 'too-large':
      return (
        `Filen fylder ${formatSize(detail.size ?? 0)}, men en vedhæftet fil må højst fylde ${formatSize(detail.maxBytes ?? 0)}. ` +
        'Gør filen mindre (fx ved at gemme PDF-filen med lavere billedkvalitet eller dele den op), og vedhæft den igen.'
      );
    case 'not-pdf-or-xml':
      return (
        'Filen er hverken en PDF- eller en XML-fil (indholdet er afgørende, ikke filnavnet). ' +
        'Kun PDF og XML kan vedhæftes. Gem dokumentet som PDF, og vedhæft det igen.'
      );
    case 'executable':
      return (
        'Filen er et program (en eksekverbar fil), ikke et dokument, og kan ikke vedhæftes, uanset hvad den hedder. ' +
        'Kontrollér, at du har valgt det rigtige dokument.'
      );
    case 'truncated':
      return `PDF-filen er ufuldstændig eller beskadiget (den slutter for tidligt eller kan ikke læses). ${RESAVE_PDF}`;
    case 'encrypted':
      return 'PDF-filen er beskyttet med adgangskode eller kryptering. Gem dokumentet som PDF uden adgangskode og vedhæft det igen.';
    case 'javascript':
      return (
        'PDF-filen indeholder JavaScript eller andre aktive elementer, som ikke må sendes. ' +
        'Gem eller udskriv dokumentet som en almindelig PDF uden aktive elementer, og vedhæft det igen.'
      );
    case 'malformed-xml':
      return (
        `XML-filen er ikke gyldig XML${detail.xmlError ? ` (${detail.xmlError})` : ''}. ` +
        'Ret filen, eller dan den igen i det system, den kommer fra, og vedhæft den igen.'
      );
    case 'unreadable':
      return `PDF-filen kunne ikke læses færdig (den er for kompleks eller beskadiget). ${RESAVE_PDF}`;
  }
}
