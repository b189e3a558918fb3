// The one derivation of advisories (shared/advisories advisoryFor), which the desktop's poller and the
// organisation hub's intake both call: a meeting invitation created, rebooked or cancelled by the
// other party (GetIndkaldelseVersion1) is a 'meeting-changed' advisory; our own is not; either way the
// cached meetings go stale.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { advisoryFor, stalePartsFor, type AdvisoryContext } from '../../shared/advisories';
import type { NotificationItem } from '../../shared/domain';

const ctx = (type: 'akasse' | 'jobcenter', code: string): AdvisoryContext => ({
  org: { type, code },
  now: new Date('2026-11-22T09:00:00Z'),
  citizenName: 'Anna Jensen',
  isOwnRecommendation: () => false,
  recommendationAnswerDays: 14,
});
const item = (changeType: 1 | 2 | 3, by: { organisationType: number; organisationCode: string }): NotificationItem => ({
  messageIdentifier: 'm-1',
  kind: 'GetIndkaldelseVersion1',
  cpr: '0101901234',
  changeType,
  eventAt: '2026-11-22T08:59:00Z',
  registeringOrganisation: by,
  registeringUser: { fullName: 'Jonas Jobkonsulent', userIdentifier: 'CVR:1-UUID:2' },
  entityId: '5d0c6a2e-7b1f-4c3d-9e8a-1b2c3d4e5f60',
  details: { IndkaldelseIdentifier: '5d0c6a2e-7b1f-4c3d-9e8a-1b2c3d4e5f60' },
});
const JC = { organisationType: 8, organisationCode: '10100' };

describe('meeting-changed advisories', () => {
  it('the a-kasse gets one for the jobcenter’s invitation: created, rebooked, cancelled', () => {
    expect([1, 2, 3].map((t) => advisoryFor(item(t as 1 | 2 | 3, JC), ctx('akasse', '067'), `a${t}`))).toMatchObject([
      { kind: 'meeting-changed', title: 'Indkaldelse oprettet af jobcentret', entityId: '5d0c6a2e-7b1f-4c3d-9e8a-1b2c3d4e5f60' },
      { kind: 'meeting-changed', title: 'Indkaldelse ændret af jobcentret' },
      { kind: 'meeting-changed', title: 'Indkaldelse aflyst af jobcentret' },
    ]);
  });

  it('the jobcenter that booked it gets none; its cached meetings still go stale', () => {
    expect(advisoryFor(item(1, JC), ctx('jobcenter', '10100'), 'x')).toBeNull();
    expect(stalePartsFor(item(2, JC))).toEqual(['meetings']);
  });

  it('the desktop poller and the hub intake derive it with this one function', () => {
    for (const file of ['../../main/core/sync/poller.ts', '../../hub/intake.ts']) {
      expect(readFileSync(new URL(file, import.meta.url), 'utf8')).toMatch(/import \{[^}]*\badvisoryFor\b[^}]*\} from '[./]*shared\/advisories'/);
    }
  });
});
