import type { AuditEntry, Cpr, Identity } from '../../../shared/domain';
import { formatCpr, maskCpr } from '../../../shared/cpr';
import { formatDateTime, todayIso } from '../../../shared/dates';
import type { Store } from '../store/db';

export type AuditSource = AuditEntry['source'];
export type AuditOutcome = AuditEntry['outcome'];

/** What was done (stable codes; the CSV shows them in Danish). */
export const AUDIT_ACTIONS = {
  'citizen.search': 'Søgning på borger',
  'citizen.open': 'Opslag af borgerens stamdata',
  'citizen.refresh': 'Opdatering af borgerens data fra DFDG',
  'messages.read': 'Visning af beskeder',
  'messages.search': 'Søgning i beskeder',
  'document.read': 'Visning af dokument',
  'absences.read': 'Visning af fravær',
  'plan.read': 'Visning af Min plan',
  'meetings.read': 'Visning af møder',
  'joblog.read': 'Visning af joblog',
  'draft.create': 'Kladde oprettet',
  'command.queued': 'Registrering lagt i udbakken',
  'command.sent': 'Registrering sendt til DFDG',
  'command.rejected': 'Registrering afvist af DFDG',
  'command.cancelled': 'Registrering annulleret',
  'command.resubmitted': 'Registrering rettet og sendt igen',
  'advisory.work': 'Opgave behandlet',
  'audit.export': 'Adgangslog udleveret',
  'retention.view': 'Vist som tilbageholdt under Lokale data',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

const SOURCES: Record<AuditSource, string> = { cache: 'Lokal kopi', dfdg: 'DFDG', command: 'Kommando', local: 'Lokalt' };
const OUTCOMES: Record<AuditOutcome, string> = { ok: 'Udført', denied: 'Afvist: ingen adgang', error: 'Fejl' };
const PURPOSES: Record<string, string> = {
  search: 'Søgning',
  'citizen-page': 'Borgeroverblik',
  dialog: 'Dialog',
  absence: 'Fravær',
  plan: 'Min plan',
  meetings: 'Møder',
  joblog: 'Joblog',
  advisory: 'Opgaver',
  outbox: 'Udbakke',
  composer: 'Ny besked',
  audit: 'Adgangslog',
  settings: 'Indstillinger',
  sync: 'Automatisk afsendelse',
  notifications: 'Notifikationer fra DFDG',
};
const COMMANDS: Record<string, string> = {
  'message.create': 'besked',
  'recommendation.answer': 'svar på indstilling',
  'absence.create': 'nyt fravær',
  'absence.update': 'rettet fravær',
  'absence.delete': 'slettet fravær',
  'activity.create': 'aktivitet i Min plan',
};
const ORG_TYPES: Record<number, string> = { 2: 'A-kasse', 8: 'Jobcenter', 7: 'Kommune', 4: 'Anden aktør' };

export function purposeLabel(purpose: string): string {
  const [base, kind] = purpose.split(':');
  const b = PURPOSES[base ?? ''] ?? purpose;
  return kind ? `${b}: ${COMMANDS[kind] ?? kind}` : b;
}

/** One CSV cell: quoted when needed; a leading = + - @ is defused so Excel never runs it as a formula. */
function cell(v: string): string {
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function timestamp(iso: string): string {
  const d = new Date(iso);
  const base = formatDateTime(iso);
  return Number.isNaN(d.getTime()) ? iso : `${base}:${String(d.getUTCSeconds()).padStart(2, '0')}`;
}

/**
 * The access log (rules.md ACCESS_AUDIT): who looked up which citizen, in which organisation, when,
 * from where (DFDG or the local copy) and why (the screen or command). Reads and commands alike,
 * allowed or denied. CPR is kept here because a citizen's access request needs it; no message
 * bodies and no secrets are ever written.
 */
export class AuditLog {
  private readonly sInsert;

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly identity: () => Identity | null,
  ) {
    this.sInsert = store.db.prepare(
      `INSERT INTO audit (at, user_identifier, user_name, organisation_type, organisation_code, cpr, action, source, purpose, outcome)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  record(e: { cpr: Cpr | null; action: AuditAction; source: AuditSource; purpose: string; outcome?: AuditOutcome }): void {
    const who = this.identity();
    this.sInsert.run(
      this.clock().toISOString(),
      who?.caseworker.userIdentifier ?? 'ukendt',
      who?.caseworker.fullName ?? 'Ukendt bruger',
      who ? (who.organisation.type === 'akasse' ? 2 : 8) : 0,
      who?.organisation.code ?? '',
      e.cpr,
      e.action,
      e.source,
      e.purpose,
      e.outcome ?? 'ok',
    );
  }

  /** Newest first. */
  list(cpr: Cpr, limit = 200): AuditEntry[] {
    return this.store.db
      .prepare<[string, number], Row>('SELECT * FROM audit WHERE cpr = ? ORDER BY id DESC LIMIT ?')
      .all(cpr, limit)
      .map(toEntry);
  }

  /**
   * Every entry about one citizen as CSV for the citizen's access request: semicolon-separated,
   * UTF-8 with BOM (so Excel opens it with æøå intact), Danish headers, dates dd-mm-åååå, oldest first.
   */
  exportCsv(cpr: Cpr): { fileName: string; csv: string } {
    const rows = this.store.db.prepare<[string], Row>('SELECT * FROM audit WHERE cpr = ? ORDER BY id').all(cpr).map(toEntry);
    const header = ['Tidspunkt', 'Sagsbehandler', 'Bruger-id', 'Organisation', 'CPR-nummer', 'Handling', 'Kilde', 'Formål', 'Resultat'];
    const lines = [header.join(';')];
    for (const e of rows) {
      lines.push(
        [
          timestamp(e.at),
          e.userName,
          e.userIdentifier,
          `${ORG_TYPES[e.organisationType] ?? 'Organisation'} ${e.organisationCode}`.trim(),
          formatCpr(e.cpr),
          AUDIT_ACTIONS[e.action as AuditAction] ?? e.action,
          SOURCES[e.source],
          purposeLabel(e.purpose),
          OUTCOMES[e.outcome],
        ]
          .map(cell)
          .join(';'),
      );
    }
    const fileName = `adgangslog-${maskCpr(cpr).replace('****', 'xxxx')}-${todayIso(this.clock())}.csv`;
    return { fileName, csv: `\uFEFF${lines.join('\r\n')}\r\n` };
  }
}

interface Row {
  id: number;
  at: string;
  user_identifier: string;
  user_name: string;
  organisation_type: number;
  organisation_code: string;
  cpr: string | null;
  action: string;
  source: AuditSource;
  purpose: string;
  outcome: AuditOutcome;
}

function toEntry(r: Row): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    userIdentifier: r.user_identifier,
    userName: r.user_name,
    organisationType: r.organisation_type,
    organisationCode: r.organisation_code,
    cpr: r.cpr,
    action: r.action,
    source: r.source,
    purpose: r.purpose,
    outcome: r.outcome,
  };
}
