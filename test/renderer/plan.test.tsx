// Min plan: each recommendation's outcome (decided in main by shared/recommendationOutcome) is shown
// with the evidence it rests on, and an answer can be opened in its thread.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChannelResponse } from '../../shared/ipc';
import { useApp } from '../../renderer/src/stores/app';
import { FakeBridge, anna } from './fakeBridge';
import { openCitizen } from './helpers';

type Rec = ChannelResponse<'plan.list'>['recommendations'][number];
const freshness = { fetchedAt: '2026-11-22T09:00:00Z', stale: false, source: 'dfdg' as const };

function rec(id: string, over: Partial<Rec>): Rec {
  return { messageId: id, subject: `Indstilling ${id}`, sentAt: '2026-11-20T10:00:00.000Z', status: 'pending', evidence: null, answerMessageId: null, answeredAt: null, activityId: null, ...over };
}

describe('Min plan: recommendations', () => {
  it('shows each status beside its evidence, and opens the thread of an answer', async () => {
    const bridge = new FakeBridge().reply('plan.list', {
      activities: [],
      recommendations: [
        rec('a', { status: 'granted', evidence: 'Virksomhedspraktik, start 19-12-2026, i Min plan', activityId: 'act-1' }),
        rec('b', { status: 'rejected', evidence: 'Virksomhedspraktik, start 01-12-2026, afsluttet i Min plan med ophørsårsag 14 »Bevilling ikke godkendt«' }),
        rec('c', { status: 'answered', evidence: 'svar i tråden 24-11-2026', answerMessageId: 'ans-c', answeredAt: '2026-11-24T08:00:00.000Z' }),
        rec('d', { status: 'pending' }),
      ],
      freshness,
    });
    const { user } = await openCitizen(bridge, anna.cpr, 'plan');
    const list = within(await screen.findByRole('region', { name: 'Indstillinger om tilbud' }));
    const outcome = (subject: string) => list.getByText(subject).closest('li')!.querySelector('.rec-outcome')!.textContent;
    expect(outcome('Indstilling a')).toBe('Bevilget: Virksomhedspraktik, start 19-12-2026, i Min plan');
    expect(outcome('Indstilling b')).toBe('Afslået: Virksomhedspraktik, start 01-12-2026, afsluttet i Min plan med ophørsårsag 14 »Bevilling ikke godkendt«');
    expect(outcome('Indstilling c')).toBe('Svar modtaget: svar i tråden 24-11-2026');
    expect(outcome('Indstilling d')).toBe('Afventer svar');

    await user.click(list.getByRole('button', { name: 'Læs svaret i tråden' }));
    expect(useApp.getState().route).toEqual({ name: 'citizen', cpr: anna.cpr, tab: 'dialog', messageId: 'ans-c' });
  });
});
