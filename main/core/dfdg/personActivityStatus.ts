// PersonActivityStatusService (Version 2), SOAP: Min plan activities (docs/wire-contract.md §2.6).
//
// ASSUMED (wire-contract.md §2.6): ActivityType/ActivityName and ActivityEndReasonTypeIdentifier in
// the answer; in CreateActivity the place of PersonCivilRegistrationIdentifier (first in ActivityItem),
// ActivityCoreItem/ActivityName, and a replayed ActivityIdentifier answered with 4977.
// ASSUMED as a whole (wire-contract.md §2.6b): UpdateActivity {PersonCivilRegistrationIdentifier,
// ActivityIdentifier, StartDate, EndDate 0..1} and EndActivity {PersonCivilRegistrationIdentifier,
// ActivityIdentifier, EndDate, ActivityEndReasonTypeIdentifier}, each answered with ServiceReceipt and
// ActivityIdentifier. DFDG publishes no operation for changing or ending an activity
// (shared/dfdg/interfaces.md §13 item 8); neither carries an idempotency key, so the outbox reads the
// activity back before it sends one again (sync/executors.ts).

import { ORGANISATION_TYPE_ID, type Activity, type ActivityInput, type Cpr } from '../../../shared/domain';
import { readReceipt } from './citizenMessage';
import type { Reader, SoapService, XmlObject, XNode } from './soap';
import type { CallContext, PersonActivityStatusClient } from './types';

/** Splits "Anne Marie Hansen" into given names and surname (CaseWorkerGivenName / CaseWorkerSurname). */
export function splitName(full: string): { given: string; surname: string } {
  const parts = full.trim().split(/\s+/);
  if (parts.length < 2) return { given: parts[0] ?? '', surname: parts[0] ?? '' };
  return { given: parts.slice(0, -1).join(' '), surname: parts[parts.length - 1]! };
}

export function createActivityBody(ctx: CallContext, cpr: Cpr, activityId: string, input: ActivityInput): XmlObject {
  const org = ctx.identity.organisation;
  const name = splitName(ctx.identity.caseworker.fullName);
  // HoursPerWeek and MinutesPerWeek are whole numbers 0..59: 37.5 hours → 37 h 30 min.
  const totalMinutes = Math.round(input.hoursPerWeek * 60);
  return {
    ActivityItem: {
      PersonCivilRegistrationIdentifier: cpr,
      ActivityCoreItem: {
        ActivityIdentifier: activityId.toLowerCase(),
        StartDate: input.start,
        EndDate: input.end,
        ActivationTypeIdentifier: input.activationType,
        HoursPerWeek: Math.floor(totalMinutes / 60),
        MinutesPerWeek: totalMinutes % 60,
        ActivityName: input.name,
        ResponsibleAuthority: {
          AuthorityStructure: { AuthorityCode: org.code, AuthorityName: org.name, OrganisationTypeIdentifier: ORGANISATION_TYPE_ID[org.type] },
          CaseWorker: { CaseWorkerGivenName: name.given, CaseWorkerSurname: name.surname },
        },
      },
    },
  };
}

const readChangeReceipt = (res: XNode, r: Reader) => ({
  activityId: r.str(res, 'ActivityIdentifier').toLowerCase(),
  receipt: readReceipt(r, res),
});

export function personActivityStatusClient(soap: SoapService): PersonActivityStatusClient {
  return {
    getPersonActivityStatus(ctx, cpr) {
      return soap.request(ctx, 'GetPersonActivityStatus', { PersonCivilRegistrationIdentifier: cpr }, { write: false }, (res, r) => {
        const info = r.opt(res, 'ActivityInfo');
        const items = info ? r.list(info, 'Activities', 'ActivityType') : [];
        return items.map((a): Activity => {
          const auth = r.opt(a, 'ResponsibleAuthority');
          return {
            id: r.str(a, 'ActivityIdentifier').toLowerCase(),
            cpr,
            name: r.optStr(a, 'ActivityName') ?? '',
            activationType: r.optInt(a, 'ActivationTypeIdentifier'),
            start: r.date(a, 'ActivityStartDate'),
            end: r.optDate(a, 'ActivityEndDate'),
            endReason: r.optInt(a, 'ActivityEndReasonTypeIdentifier'),
            hoursPerWeek: r.optInt(a, 'HoursPerWeek'),
            responsibleAuthority: auth ? { code: r.str(auth, 'AuthorityCode'), name: r.optStr(auth, 'AuthorityName') ?? '' } : null,
            createdAt: r.optDateTime(a, 'CreatedDateTime'),
          };
        });
      });
    },

    updateActivity(ctx, cpr, activityId, dates) {
      const body = { PersonCivilRegistrationIdentifier: cpr, ActivityIdentifier: activityId.toLowerCase(), StartDate: dates.start, EndDate: dates.end ?? undefined };
      return soap.request(ctx, 'UpdateActivity', body, { write: true }, readChangeReceipt);
    },

    endActivity(ctx, cpr, activityId, end) {
      const body = { PersonCivilRegistrationIdentifier: cpr, ActivityIdentifier: activityId.toLowerCase(), EndDate: end.end, ActivityEndReasonTypeIdentifier: end.endReason };
      return soap.request(ctx, 'EndActivity', body, { write: true }, readChangeReceipt);
    },

    createActivity(ctx, cpr, activityId, input) {
      return soap.request(ctx, 'CreateActivity', createActivityBody(ctx, cpr, activityId, input), { write: true }, (res, r) => ({
        activityId: r.str(res, 'ActivityIdentifier').toLowerCase(),
        receipt: readReceipt(r, res),
      }));
    },
  };
}
