// What became of a type 11 "Indstilling om tilbud": granted, rejected, answered or waiting, decided
// from evidence only, in one pure function that main runs for plan.list (the renderer shows what it
// returns, beside the evidence it rests on).
//
// Evidence, strongest first:
//  1. Min plan. Seed 000: "A-kassen får hermed også besked om at et tilbud er bevilget når jobcenteret
//     opretter et tilbud i Min plan." An activity is the recommendation's when the jobcenter's own
//     answer created it (the activity.create command names the recommendation), or when it is of the
//     recommended offer type (ActivationTypeIdentifier) and starts inside the recommendation's window
//     (below). DFDG's activity carries no company or course provider (interfaces.md §4
//     CreateActivity), so those cannot be matched; nothing is read from the activity's name.
//     Such an activity ended with end reason 14 "Bevilling ikke godkendt" (seed 001 §3.1: the company,
//     the jobcenter or the citizen did not approve the grant, or withdrew it) means rejected.
//  2. The jobcenter's structured decision: the grant/reject the answer form (recommendations.answer)
//     recorded. DFDG's message carries no decision field, so an a-kasse only has this for answers it
//     can read as data; free text ("vi vender tilbage om bevilling") is never read as a decision.
//  3. An answer in the thread from the other party: "Svar modtaget", with the answer to open.
//  4. Otherwise: "Afventer svar".

import type { Activity, IsoDate, IsoDateTime } from './domain';
import { addDays, formatDate, toCopenhagenDate } from './dates';
import { codeName, type CodeListOverrides } from './codelists';

/** ActivityEndReasonTypeIdentifier 14 "Bevilling ikke godkendt" (seed 001 §3.1). */
export const END_REASON_GRANT_NOT_APPROVED = 14;

/**
 * ASSUMED: how long after the proposed start an activity still counts as the recommended one when the
 * recommendation gives no duration: 13 weeks. Seed 000 ("Baggrund"): the a-kasse recommends offers
 * that begin within the first 3 months of unemployment "eller igangsættes i forlængelse heraf".
 */
export const DEFAULT_WINDOW_WEEKS = 13;

/** What the recommendation proposed, from its structured form (RecommendationForm). */
export interface RecommendationProposal {
  offerType: number | null;
  proposedStart?: IsoDate | null;
  durationWeeks?: number | null;
}

/** The jobcenter's decision as its answer form recorded it. */
export interface RecommendationDecision {
  decision: 'grant' | 'reject';
  /** When the answer was sent (or queued, while `sent` is false). */
  at: IsoDateTime;
  /** False while the answer waits in the outbox. */
  sent: boolean;
  /** The activity the grant created in Min plan, when known. */
  activityId: string | null;
}

export interface RecommendationEvidence {
  /** The type 11 message's id. */
  id: string;
  sentAt: IsoDateTime;
  /** Null when the structured form is not known (e.g. a recommendation written in another system). */
  proposal: RecommendationProposal | null;
  /** Messages from the other party in the recommendation's thread, any order. */
  answers: { id: string; at: IsoDateTime }[];
  decision: RecommendationDecision | null;
}

export type RecommendationOutcomeStatus = 'granted' | 'rejected' | 'answered' | 'pending';

export interface RecommendationOutcome {
  id: string;
  status: RecommendationOutcomeStatus;
  /** The activity in Min plan the status rests on, if any. */
  activityId: string | null;
  /** The first answer in the thread (what "Svar modtaget" links to), if any. */
  answerMessageId: string | null;
  answeredAt: IsoDateTime | null;
  /** Plain Danish: what the status rests on, shown beside it; null for "Afventer svar". */
  evidence: string | null;
}

/** The Danish label of each status (the renderer shows it with the evidence: "Bevilget: …"). */
export const RECOMMENDATION_STATUS_TEXT: Record<RecommendationOutcomeStatus, string> = {
  granted: 'Bevilget',
  rejected: 'Afslået',
  answered: 'Svar modtaget',
  pending: 'Afventer svar',
};

/**
 * The window an activity's start must fall in to be the recommended offer: from the day the
 * recommendation was sent to the end of the period it proposed (proposed start, or the day it was
 * sent, plus the proposed duration, or DEFAULT_WINDOW_WEEKS when it gave none). Null when the dates
 * cannot be read.
 */
export function recommendationWindow(sentAt: IsoDateTime, proposal: RecommendationProposal): { from: IsoDate; to: IsoDate } | null {
  const from = toCopenhagenDate(sentAt);
  if (!from) return null;
  const start = (proposal.proposedStart && toCopenhagenDate(proposal.proposedStart)) || from;
  const weeks = typeof proposal.durationWeeks === 'number' && proposal.durationWeeks > 0 ? proposal.durationWeeks : DEFAULT_WINDOW_WEEKS;
  const to = addDays(start, weeks * 7);
  return to ? { from, to: to < from ? from : to } : null;
}

function activityEvidence(a: Activity, codeLists: CodeListOverrides | null | undefined): string {
  const offer = a.activationType !== null ? codeName('ActivationTypeIdentifier', a.activationType, codeLists) : a.name;
  const base = `${offer}, start ${formatDate(a.start)}`;
  if (a.endReason === END_REASON_GRANT_NOT_APPROVED) {
    return `${base}, afsluttet i Min plan med ophørsårsag ${END_REASON_GRANT_NOT_APPROVED} »${codeName('ActivityEndReasonTypeIdentifier', END_REASON_GRANT_NOT_APPROVED, codeLists)}«`;
  }
  return a.pendingCommandId ? `${base}, i Min plan (venter på afsendelse)` : `${base}, i Min plan`;
}

function decisionEvidence(d: RecommendationDecision): string {
  const what = d.decision === 'grant' ? 'bevilling' : 'afslag';
  return d.sent ? `jobcentrets svar (${what}) ${formatDate(d.at)}` : `jobcentrets svar (${what}) ligger i udbakken`;
}

/**
 * The outcome of each recommendation (same order as `recs`). One activity answers at most one
 * recommendation: the one whose answer created it, else the newest recommendation whose offer type
 * and window it fits.
 */
export function recommendationOutcomes(
  recs: readonly RecommendationEvidence[],
  activities: readonly Activity[],
  opts: { codeLists?: CodeListOverrides | null } = {},
): RecommendationOutcome[] {
  const byId = new Map(activities.map((a) => [a.id, a]));
  const claimed = new Set<string>();
  const matched = new Map<string, Activity>();

  // 1. Activities the jobcenter's own answer created for a recommendation.
  for (const r of recs) {
    const a = r.decision?.decision === 'grant' && r.decision.activityId ? byId.get(r.decision.activityId) : undefined;
    if (a && !claimed.has(a.id)) {
      claimed.add(a.id);
      matched.set(r.id, a);
    }
  }
  // 2. Offer type and window, newest recommendation first; an explicit rejection claims nothing.
  const open = recs.filter((r) => !matched.has(r.id) && r.decision?.decision !== 'reject' && r.proposal?.offerType != null);
  for (const r of [...open].sort((a, b) => b.sentAt.localeCompare(a.sentAt))) {
    const window = recommendationWindow(r.sentAt, r.proposal!);
    if (!window) continue;
    const fit = activities
      .filter((a) => !claimed.has(a.id) && a.activationType === r.proposal!.offerType)
      .map((a) => ({ a, start: toCopenhagenDate(a.start) }))
      .filter((x): x is { a: Activity; start: IsoDate } => x.start !== null && x.start >= window.from && x.start <= window.to)
      .sort((x, y) => x.start.localeCompare(y.start))[0];
    if (fit) {
      claimed.add(fit.a.id);
      matched.set(r.id, fit.a);
    }
  }

  return recs.map((r) => {
    const first = [...r.answers].sort((a, b) => a.at.localeCompare(b.at))[0] ?? null;
    const answered = { answerMessageId: first?.id ?? null, answeredAt: first?.at ?? null };
    const a = matched.get(r.id);
    if (a) {
      const rejected = a.endReason === END_REASON_GRANT_NOT_APPROVED;
      return { id: r.id, status: rejected ? 'rejected' : 'granted', activityId: a.id, ...answered, evidence: activityEvidence(a, opts.codeLists) };
    }
    if (r.decision) {
      return { id: r.id, status: r.decision.decision === 'grant' ? 'granted' : 'rejected', activityId: null, ...answered, evidence: decisionEvidence(r.decision) };
    }
    if (first) return { id: r.id, status: 'answered', activityId: null, ...answered, evidence: `svar i tråden ${formatDate(first.at)}` };
    return { id: r.id, status: 'pending', activityId: null, ...answered, evidence: null };
  });
}
