// Danish messages for schema failures. The schemas' own messages (e.g. 'CPR-nummeret skal være 10
// cifre') win; everything else gets a message from here. No message repeats the value that failed:
// a request may hold a CPR number or a message body.

import type { z } from 'zod';
import { joinPath } from './payload';

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

const TYPE_NAMES: Record<string, string> = {
  string: 'tekst',
  number: 'et tal',
  int: 'et heltal',
  boolean: 'ja/nej',
  object: 'et objekt',
  array: 'en liste',
  record: 'et objekt',
  null: 'ingen værdi',
  undefined: 'ingen værdi',
  nan: 'et tal',
};

const num = (n: number | bigint) => (typeof n === 'bigint' ? n.toString() : Number.isFinite(n) ? String(n) : '∞');

/** A zod error map (per parse) that answers in Danish. */
export const danishErrorMap: z.core.$ZodErrorMap = (issue: RawIssue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Feltet skal udfyldes.';
      return `Forventede ${TYPE_NAMES[issue.expected] ?? 'en anden type'}.`;
    case 'too_big':
      if (issue.origin === 'string') return `Teksten er for lang (højst ${num(issue.maximum)} tegn).`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Der er for mange elementer (højst ${num(issue.maximum)}).`;
      return `Værdien er for stor (højst ${num(issue.maximum)}).`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'Feltet skal udfyldes.' : `Teksten er for kort (mindst ${num(issue.minimum)} tegn).`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Der er for få elementer (mindst ${num(issue.minimum)}).`;
      return `Værdien er for lille (mindst ${num(issue.minimum)}).`;
    case 'invalid_format':
      if (issue.format === 'url') return 'Adressen er ikke en gyldig URL.';
      if (issue.format === 'email') return 'E-mailadressen er ikke gyldig.';
      return 'Værdien har ikke det rigtige format.';
    case 'unrecognized_keys':
      return issue.keys.length === 1 ? 'Forespørgslen indeholder et ukendt felt.' : `Forespørgslen indeholder ${issue.keys.length} ukendte felter.`;
    case 'invalid_value':
      return 'Værdien er ikke en af de tilladte.';
    case 'not_multiple_of':
      return 'Værdien har ikke det rigtige format.';
    case 'invalid_key':
      return 'Ugyldig nøgle.';
    default:
      return 'Ugyldig værdi.';
  }
};

export interface IssueOut {
  path: string;
  message: string;
}

export const MAX_ISSUES = 20;

/** Path (never the value) and message of each issue, at most MAX_ISSUES. */
export function issuesOf(error: z.ZodError): IssueOut[] {
  return error.issues.slice(0, MAX_ISSUES).map((i) => ({ path: joinPath(i.path), message: i.message }));
}
