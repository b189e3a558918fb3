import type { Citizen, Identity, MessageTemplate } from '../../../shared/domain';
import { formatCpr } from '../../../shared/cpr';
import { formatDate } from '../../../shared/dates';

/**
 * Templates that ship with the app (the caseworker's own are stored in the database). Their [ ]
 * placeholders are for the caseworker to replace: the rules refuse a text that still has one
 * (TEMPLATE_PLACEHOLDER). No CPR in them: they go on channel 4 too, where the citizen reads the text on
 * Jobnet and a CPR in it is refused (MSG_BODY_CPR); the message already belongs to the citizen.
 */
export const BUILT_IN_TEMPLATES: MessageTemplate[] = [
  {
    id: 'builtin-indstilling',
    name: 'Indstilling om tilbud',
    contextType: 11,
    subject: 'A-kassens indstilling til jobcentret om tilbud',
    body:
      'Kære jobcenter\n\n' +
      'A-kassen indstiller, at {{borger.navn}} får tilbud om [tilbudstype] i [varighed] uger.\n\n' +
      'Virksomhed eller kursusudbyder: [navn, CVR]\n' +
      'Begrundelse: [hvorfor tilbuddet vil hjælpe medlemmet i job]\n\n' +
      'Venlig hilsen\n{{sagsbehandler.navn}}\n{{organisation.navn}}',
    builtIn: true,
  },
  {
    id: 'builtin-orientering',
    name: 'Almen orientering',
    contextType: 1,
    subject: 'Orientering',
    body: 'Til orientering vedrørende {{borger.navn}}:\n\n[tekst]\n\nVenlig hilsen\n{{sagsbehandler.navn}}\n{{organisation.navn}}',
    builtIn: true,
  },
  {
    id: 'builtin-stoette',
    name: 'Forslag om støtte (mentor, hjælpemidler)',
    contextType: 1,
    subject: 'Forslag om støttende indsats',
    body:
      'A-kassen foreslår støttende indsats til {{borger.navn}}: [mentor / hjælpemidler].\n\n' +
      'Der indstilles ikke samtidig til et tilbud, derfor sendes forslaget som almen orientering.\n\n' +
      'Venlig hilsen\n{{sagsbehandler.navn}}\n{{organisation.navn}}',
    builtIn: true,
  },
];

/**
 * The placeholders a template may use. {{borger.cpr}} is never allowed in a subject (no CPR in titles)
 * and is refused in the text of a channel-4 message (MSG_BODY_CPR): it is for the one-way channels.
 */
export const PLACEHOLDERS = ['borger.navn', 'borger.cpr', 'sagsbehandler.navn', 'organisation.navn', 'jobcenter.navn', 'akasse.navn', 'dato'] as const;

const PLACEHOLDER_RE = /\{\{\s*([a-zæøå.]+)\s*\}\}/gi;

export function placeholderValues(citizen: Citizen | null, identity: Identity, today: string): Record<string, string> {
  return {
    'borger.navn': citizen?.name ?? '',
    'borger.cpr': citizen ? formatCpr(citizen.cpr) : '',
    'sagsbehandler.navn': identity.caseworker.fullName,
    'organisation.navn': identity.organisation.name,
    'jobcenter.navn': citizen?.jobcenterName ?? '',
    'akasse.navn': citizen?.akasseName ?? '',
    dato: formatDate(today),
  };
}

/** Fills the known placeholders; unknown ones stay (submit refuses text with {{ }} left). */
export function fillTemplate(text: string, values: Record<string, string>, opts: { subject?: boolean } = {}): string {
  return text.replace(PLACEHOLDER_RE, (whole, key: string) => {
    const k = key.toLowerCase();
    if (opts.subject && k === 'borger.cpr') return '';
    return Object.prototype.hasOwnProperty.call(values, k) && values[k] ? values[k] : whole;
  });
}

export function subjectHasCprPlaceholder(subject: string): boolean {
  return /\{\{\s*borger\.cpr\s*\}\}/i.test(subject);
}
