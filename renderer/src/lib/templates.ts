// Message templates with placeholders such as {{borger.navn}}. Unknown placeholders are left in the
// text (visible) and reported, so the caseworker fills them in by hand.

export const PLACEHOLDERS: { key: string; text: string }[] = [
  { key: 'borger.navn', text: 'Borgerens fulde navn' },
  { key: 'borger.fornavn', text: 'Borgerens fornavn' },
  { key: 'sagsbehandler.navn', text: 'Dit navn' },
  { key: 'organisation.navn', text: 'Din organisations navn' },
  { key: 'jobcenter.navn', text: 'Borgerens jobcenter' },
  { key: 'akasse.navn', text: 'Borgerens a-kasse' },
  { key: 'dato', text: 'Dagens dato (dd-mm-åååå)' },
];

export function fillTemplate(text: string, values: Record<string, string | null | undefined>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const out = text.replace(/\{\{\s*([a-zæøå.]+)\s*\}\}/gi, (whole, key: string) => {
    const v = values[key.toLowerCase()];
    if (v == null || v === '') {
      missing.add(key);
      return whole;
    }
    return v;
  });
  return { text: out, missing: [...missing] };
}
