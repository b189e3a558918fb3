import type { AuditEntry, Cpr, Identity } from '../../../shared/domain';
import { formatCpr, maskCpr } from '../../../shared/cpr';
import { formatDate, formatDateTime, todayIso } from '../../../shared/dates';
import type { Store } from '../store/db';
import { AUDIT_RETENTION_YEARS, type AuditChainReport, type AuditRow } from '../store/repos/audit';

/** What the app knows about the chain now: being checked (at start), or the last check's result. */
export interface AuditChainStatus {
  state: 'checking' | 'intact' | 'broken';
  /** Entries checked by the last check. */
  entries: number;
  /** When the last check finished (null while the first one runs). */
  checkedAt: string | null;
  /** What is wrong, in Danish (null unless broken). */
  problem: string | null;
  retentionYears: number;
}

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
  'activity.end': 'aktivitet afsluttet i Min plan',
  'activity.update': 'aktivitet flyttet i Min plan',
  'meeting.create': 'ny indkaldelse',
  'meeting.update': 'ombooket indkaldelse',
  'meeting.cancel': 'aflyst indkaldelse',
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
  private status: AuditChainStatus = { state: 'checking', entries: 0, checkedAt: null, problem: null, retentionYears: AUDIT_RETENTION_YEARS };
  private lastReport: AuditChainReport | null = null;

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly identity: () => Identity | null,
  ) {}

  record(e: { cpr: Cpr | null; action: AuditAction; source: AuditSource; purpose: string; outcome?: AuditOutcome }): void {
    const who = this.identity();
    this.store.audit.append({
      at: this.clock().toISOString(),
      user_identifier: who?.caseworker.userIdentifier ?? 'ukendt',
      user_name: who?.caseworker.fullName ?? 'Ukendt bruger',
      organisation_type: who ? (who.organisation.type === 'akasse' ? 2 : 8) : 0,
      organisation_code: who?.organisation.code ?? '',
      cpr: e.cpr,
      action: e.action,
      source: e.source,
      purpose: e.purpose,
      outcome: e.outcome ?? 'ok',
    });
  }

  /** Newest first. */
  list(cpr: Cpr, limit = 200): AuditEntry[] {
    return this.store.audit.listByCpr(cpr, limit).map(toEntry);
  }

  /**
   * Checks the whole hash chain (at start, and before every export) and keeps the result for
   * Indstillinger: a broken chain is shown, never hidden.
   */
  async verifyChain(): Promise<AuditChainReport> {
    const report = await this.store.audit.verify();
    this.lastReport = report;
    this.status = {
      state: report.intact ? 'intact' : 'broken',
      entries: report.entries,
      checkedAt: this.clock().toISOString(),
      problem: report.problem,
      retentionYears: AUDIT_RETENTION_YEARS,
    };
    return report;
  }

  /** The chain as the last check found it ('checking' until the first check at start has finished). */
  chainStatus(): AuditChainStatus {
    return { ...this.status };
  }

  /**
   * Every entry about one citizen as CSV for the citizen's access request: semicolon-separated,
   * UTF-8 with BOM (so Excel opens it with æøå intact), Danish headers, dates dd-mm-åååå, oldest first.
   * The whole log's chain is checked first, and the file ends by saying whether it is intact.
   */
  async exportCsv(cpr: Cpr): Promise<{ fileName: string; csv: string; chainIntact: boolean }> {
    const report = await this.verifyChain();
    const rows = this.store.audit.allByCpr(cpr).map(toEntry);
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
    lines.push('', ...chainLines(report, this.status.checkedAt ?? this.clock().toISOString()).map((l) => l.map(cell).join(';')));
    const fileName = `adgangslog-${maskCpr(cpr).replace('****', 'xxxx')}-${todayIso(this.clock())}.csv`;
    return { fileName, csv: `\uFEFF${lines.join('\r\n')}\r\n`, chainIntact: report.intact };
  }

  /** The last check's report (tests, diagnostics). */
  get lastChainReport(): AuditChainReport | null {
    return this.lastReport;
  }
}

/** The CSV's closing lines: whether the log's chain is intact, and what retention has removed. */
function chainLines(r: AuditChainReport, checkedAt: string): string[][] {
  const out: string[][] = [
    r.intact
      ? ['Kontrol af adgangsloggen', `Kæden er intakt: alle ${r.entries} poster i loggen er kontrolleret ${timestamp(checkedAt)}.`]
      : ['Kontrol af adgangsloggen', `KÆDEN ER BRUDT: ${r.problem ?? 'ukendt fejl'} Loggen kan være ændret uden om DFDG Desk. Kontakt jeres it-sikkerhedsansvarlige.`],
  ];
  if (r.purgedThrough) {
    out.push(['Opbevaring', `Poster til og med ${formatDate(r.purgedThrough)} er slettet efter ${AUDIT_RETENTION_YEARS} år (antaget opbevaringsperiode).`]);
  }
  return out;
}

function toEntry(r: AuditRow): AuditEntry {
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
