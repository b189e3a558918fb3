// The text of a type 11 "Indstilling om tilbud", made from the structured form, and the way the
// composer keeps the caseworker's own words: the generated block is replaced only while it is
// untouched; text the caseworker wrote after it survives; a hand-edited block is left alone.
// The jobcenter's answer view reads the same lines back to prefill the activity it creates.
import type { RecommendationForm } from '../../../shared/domain';
import { formatDate, parseDanishDate } from '../../../shared/dates';

/** The headline seed 000 suggests for type 11. */
export const RECOMMENDATION_SUBJECT = 'A-kassens indstilling til jobcentret om tilbud';

const L = {
  offer: 'Tilbud',
  start: 'Foreslået start',
  duration: 'Varighed',
  hours: 'Timer pr. uge',
  company: 'Virksomhed',
  course: 'Kursusudbyder',
  support: 'Understøttende aktiviteter',
  reason: 'Begrundelse',
};

const num = (n: number) => String(n).replace('.', ',');

export function recommendationBody(
  form: RecommendationForm,
  opts: { citizenName: string; offerName: string | null; companyDirected: boolean; courseDirected: boolean },
): string {
  const lines: string[] = [];
  lines.push(
    opts.offerName
      ? `A-kassen indstiller, at ${opts.citizenName} får tilbud om ${opts.offerName.toLowerCase()}.`
      : `A-kassen indstiller, at ${opts.citizenName} får et tilbud.`,
  );
  lines.push('');
  if (opts.offerName) lines.push(`${L.offer}: ${opts.offerName}`);
  if (form.proposedStart) lines.push(`${L.start}: ${formatDate(form.proposedStart)}`);
  if (form.durationWeeks != null) lines.push(`${L.duration}: ${form.durationWeeks} ${form.durationWeeks === 1 ? 'uge' : 'uger'}`);
  if (form.hoursPerWeek != null) lines.push(`${L.hours}: ${num(form.hoursPerWeek)}`);
  if (form.company && (opts.companyDirected || !opts.courseDirected)) {
    const c = form.company;
    lines.push(`${L.company}: ${c.name}, CVR ${c.cvr}${c.pNumber ? `, P-nummer ${c.pNumber}` : ''}`);
  }
  if (form.courseProvider && (opts.courseDirected || !opts.companyDirected)) lines.push(`${L.course}: ${form.courseProvider}`);
  const support = form.supportingActivities.map((s) => s.trim()).filter(Boolean);
  if (support.length) {
    lines.push(`${L.support}:`);
    for (const s of support) lines.push(`- ${s}`);
  }
  lines.push('');
  lines.push(`${L.reason}:`);
  lines.push('');
  return lines.join('\n');
}

/**
 * The body to show after the form changed. `lastGenerated` is the block we generated last time.
 * Returns null when the caseworker has edited the block by hand (then we leave the body alone).
 */
export function mergeGenerated(currentBody: string, lastGenerated: string | null, nextGenerated: string): string | null {
  if (currentBody.trim() === '') return nextGenerated;
  if (lastGenerated === null) return null;
  if (currentBody === lastGenerated) return nextGenerated;
  if (currentBody.startsWith(lastGenerated)) return nextGenerated + currentBody.slice(lastGenerated.length);
  return null;
}

export interface ParsedRecommendation {
  offerName: string | null;
  proposedStart: string | null;
  durationWeeks: number | null;
  hoursPerWeek: number | null;
}

/** Best effort: read our own lines back from a received type 11 body (other systems' text → nulls). */
export function parseRecommendationBody(body: string): ParsedRecommendation {
  const line = (label: string) => {
    const m = new RegExp(`^${label}:[ \\t]*(.+)$`, 'm').exec(body);
    return m ? m[1]!.trim() : null;
  };
  const start = line(L.start);
  const duration = line(L.duration);
  const hours = line(L.hours);
  const d = duration ? /^(\d{1,3})\s+uge/.exec(duration) : null;
  const h = hours ? Number(hours.replace(',', '.')) : NaN;
  return {
    offerName: line(L.offer),
    proposedStart: start ? parseDanishDate(start) : null,
    durationWeeks: d ? Number(d[1]) : null,
    hoursPerWeek: Number.isFinite(h) ? h : null,
  };
}
