// A recommendation's outcome from evidence only (shared/recommendationOutcome): which activity in Min
// plan, answer decision or answer in the thread makes it granted, rejected, answered or pending.
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../shared/domain';
import {
  DEFAULT_WINDOW_WEEKS,
  recommendationOutcomes,
  recommendationWindow,
  type RecommendationEvidence,
  type RecommendationOutcome,
} from '../../shared/recommendationOutcome';

const PRAKTIK = 2;
const LOENTILSKUD = 3;

function rec(over: Partial<RecommendationEvidence> = {}): RecommendationEvidence {
  return {
    id: 'rec-1',
    sentAt: '2026-11-20T10:00:00.000Z',
    // Virksomhedspraktik from 19-12-2026 for 4 weeks: the window runs 20-11-2026 to 16-01-2027.
    proposal: { offerType: PRAKTIK, proposedStart: '2026-12-19', durationWeeks: 4 },
    answers: [],
    decision: null,
    ...over,
  };
}

function act(over: Partial<Activity> = {}): Activity {
  return {
    id: 'act-1',
    cpr: '0101901234',
    name: 'Praktik hos Bageriet ApS',
    activationType: PRAKTIK,
    start: '2026-12-19',
    end: null,
    endReason: null,
    hoursPerWeek: 37,
    responsibleAuthority: null,
    createdAt: '2026-11-25T09:00:00.000Z',
    ...over,
  };
}

const answer = { id: 'ans-1', at: '2026-11-24T08:00:00.000Z' };

type Row = [name: string, evidence: RecommendationEvidence, activities: Activity[], expected: Partial<RecommendationOutcome>];

const rows: Row[] = [
  ['nothing yet: waiting', rec(), [], { status: 'pending', evidence: null, activityId: null, answerMessageId: null }],
  [
    'an activity of the recommended type starting in the window: granted, with the evidence',
    rec(),
    [act()],
    { status: 'granted', activityId: 'act-1', evidence: 'Virksomhedspraktik, start 19-12-2026, i Min plan' },
  ],
  [
    'the unrelated Mentorforløb (no offer type) does not grant',
    rec(),
    [act({ id: 'mentor', name: 'Mentorforløb', activationType: null })],
    { status: 'pending', activityId: null },
  ],
  ['an activity of another offer type does not grant', rec(), [act({ activationType: LOENTILSKUD })], { status: 'pending', activityId: null }],
  ['an activity that started before the recommendation was sent does not grant', rec(), [act({ start: '2026-11-02' })], { status: 'pending' }],
  ['an activity starting after the proposed period does not grant', rec(), [act({ start: '2027-01-17' })], { status: 'pending' }],
  ['an activity starting on the last day of the proposed period grants', rec(), [act({ start: '2027-01-16' })], { status: 'granted' }],
  [
    'without a structured proposal no activity can be matched: the answer is shown, not a grant',
    rec({ proposal: null, answers: [answer] }),
    [act()],
    { status: 'answered', activityId: null, answerMessageId: 'ans-1', evidence: 'svar i tråden 24-11-2026' },
  ],
  [
    'an answer in the thread ("vi vender tilbage om bevilling") is not a grant: Svar modtaget',
    rec({ answers: [answer] }),
    [],
    { status: 'answered', answerMessageId: 'ans-1', answeredAt: answer.at },
  ],
  [
    'end reason 14 "Bevilling ikke godkendt" on the recommended activity: rejected',
    rec({ answers: [answer] }),
    [act({ end: '2026-12-20', endReason: 14 })],
    {
      status: 'rejected',
      activityId: 'act-1',
      evidence: 'Virksomhedspraktik, start 19-12-2026, afsluttet i Min plan med ophørsårsag 14 »Bevilling ikke godkendt«',
    },
  ],
  [
    'another end reason (15, ended ordinarily) stays granted',
    rec(),
    [act({ end: '2027-01-15', endReason: 15 })],
    { status: 'granted' },
  ],
  [
    "the jobcenter's structured decision to reject: rejected, and the activity of that type is not taken",
    rec({ answers: [answer], decision: { decision: 'reject', at: answer.at, sent: true, activityId: null } }),
    [act()],
    { status: 'rejected', activityId: null, evidence: 'jobcentrets svar (afslag) 24-11-2026' },
  ],
  [
    "the jobcenter's structured grant, its activity not yet in Min plan: granted from the answer",
    rec({ proposal: null, decision: { decision: 'grant', at: answer.at, sent: false, activityId: 'act-9' } }),
    [],
    { status: 'granted', activityId: null, evidence: 'jobcentrets svar (bevilling) ligger i udbakken' },
  ],
  [
    "the activity the jobcenter's grant created counts, whatever its type or start",
    rec({ proposal: null, decision: { decision: 'grant', at: answer.at, sent: true, activityId: 'act-9' } }),
    [act({ id: 'act-9', activationType: LOENTILSKUD, start: '2027-03-01', pendingCommandId: 'cmd-1' })],
    { status: 'granted', activityId: 'act-9', evidence: 'Ansættelse med løntilskud – privat arbejdsgiver, start 01-03-2027, i Min plan (venter på afsendelse)' },
  ],
];

describe('recommendationOutcomes', () => {
  it.each(rows)('%s', (_name, evidence, activities, expected) => {
    expect(recommendationOutcomes([evidence], activities)[0]).toMatchObject(expected);
  });

  it('one activity answers one recommendation: the newest whose type and window it fits', () => {
    const older = rec({ id: 'rec-old', sentAt: '2026-11-10T10:00:00.000Z' });
    const newer = rec({ id: 'rec-new', sentAt: '2026-11-20T10:00:00.000Z' });
    const out = recommendationOutcomes([older, newer], [act()]);
    expect(out.map((o) => [o.id, o.status])).toEqual([
      ['rec-old', 'pending'],
      ['rec-new', 'granted'],
    ]);
  });

  it('an activity created by an answer is not claimed again by another recommendation of the same type', () => {
    const answered = rec({ id: 'rec-a', proposal: null, decision: { decision: 'grant', at: answer.at, sent: true, activityId: 'act-1' } });
    const other = rec({ id: 'rec-b' });
    expect(recommendationOutcomes([other, answered], [act()]).map((o) => [o.id, o.status, o.activityId])).toEqual([
      ['rec-b', 'pending', null],
      ['rec-a', 'granted', 'act-1'],
    ]);
  });
});

describe('recommendationWindow', () => {
  it('runs from the day it was sent to the end of the proposed period', () => {
    expect(recommendationWindow('2026-11-20T10:00:00.000Z', { offerType: 2, proposedStart: '2026-12-19', durationWeeks: 4 })).toEqual({ from: '2026-11-20', to: '2027-01-16' });
  });
  it(`without a start or duration: ${DEFAULT_WINDOW_WEEKS} weeks from the day it was sent (Danish date)`, () => {
    expect(recommendationWindow('2026-11-19T23:30:00.000Z', { offerType: 2 })).toEqual({ from: '2026-11-20', to: '2027-02-19' });
  });
});
