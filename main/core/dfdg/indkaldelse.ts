// Kontaktforloeb.IndkaldelseService, REST: the citizen's meetings (docs/wire-contract.md §3.2).
//
// ASSUMED (wire-contract.md §3.2, sandbox-contract.md "Meetings"): the IndkaldelseDto field set; times
// without an offset are Danish local time; UpdateIndkaldelse is `PUT /v1/Indkaldelse/{id}` with the
// create body, DeleteIndkaldelse (aflysning) `DELETE /v1/Indkaldelse/{id}` without a body; the
// participating authorities travel in the body as `myndighedsdeltagere` [{navn, kontaktdetaljer}]
// (DFDG's own CreateMyndighedsdeltager v2 is a separate call, interfaces.md §9.1).

import { z } from 'zod';
import type { Cpr, Meeting, MeetingInput } from '../../../shared/domain';
import { seg, type RestService } from './rest';
import type { IndkaldelseClient } from './types';
import { wireDateTime } from './values';

const int = z.number().int();

export const indkaldelseDto = z.object({
  indkaldelseIdentifier: z.string().min(1),
  moedeStarttidspunkt: z.string(),
  moedeSluttidspunkt: z.string().nullish(),
  samtaleType: int,
  afholdelsesform: int,
  lokation: z.string().nullish(),
  lokationsuddybning: z.string().nullish(),
  digitaltMoedelink: z.string().nullish(),
  selvbooket: z.boolean(),
  ombookingMulig: z.boolean().nullish(),
  ombookingsfrist: z.string().nullish(),
  aflysningMulig: z.boolean().nullish(),
  aflysningsfrist: z.string().nullish(),
  myndighed: z.object({ organisationstype: int, organisationskode: z.string(), navn: z.string() }).nullish(),
  myndighedsdeltagere: z.array(z.object({ navn: z.string(), kontaktdetaljer: z.string().nullish() })).nullish(),
});
type IndkaldelseDto = z.infer<typeof indkaldelseDto>;

const answer = z.object({ indkaldelser: z.array(indkaldelseDto) });
const idAnswer = z.object({ indkaldelseIdentifier: z.string().min(1) });

/** A Danish wall-clock 'YYYY-MM-DDTHH:MM' as DFDG's REST local date-time. */
const restLocal = (t: string) => `${t}:00`;

/**
 * The request body (create and update): absent values are left out, never sent empty. An empty
 * "Lokationsuddybning" broke DFDG's lookups and the WSRM stream (seed 001): a blank one is left out
 * here too, whatever the caller passed.
 */
export function indkaldelseBody(input: MeetingInput): Record<string, unknown> {
  const text = (v: string | null) => (v !== null && v.trim() !== '' ? v : undefined);
  return {
    moedeStarttidspunkt: restLocal(input.start),
    moedeSluttidspunkt: input.end ? restLocal(input.end) : undefined,
    samtaleType: input.interviewType,
    afholdelsesform: input.form,
    lokation: text(input.location),
    lokationsuddybning: text(input.locationDetail),
    digitaltMoedelink: text(input.digitalLink),
    ombookingMulig: input.rebookingPossible,
    ombookingsfrist: input.rebookingDeadline ? restLocal(input.rebookingDeadline) : undefined,
    aflysningMulig: input.cancelPossible,
    aflysningsfrist: input.cancelDeadline ? restLocal(input.cancelDeadline) : undefined,
    myndighedsdeltagere: input.participants.length ? input.participants.map((p) => ({ navn: p.name, kontaktdetaljer: p.contactDetails ?? undefined })) : undefined,
  };
}

export function toMeeting(cpr: Cpr, d: IndkaldelseDto): Meeting {
  return {
    id: d.indkaldelseIdentifier.toLowerCase(),
    cpr,
    start: wireDateTime(d.moedeStarttidspunkt),
    end: d.moedeSluttidspunkt ? wireDateTime(d.moedeSluttidspunkt) : null,
    interviewType: d.samtaleType,
    form: d.afholdelsesform,
    location: d.lokation ?? null,
    locationDetail: d.lokationsuddybning ?? null,
    digitalLink: d.digitaltMoedelink ?? null,
    selfBooked: d.selvbooket,
    organisation: d.myndighed ? { organisationType: d.myndighed.organisationstype, organisationCode: d.myndighed.organisationskode, name: d.myndighed.navn } : null,
    rebookingPossible: d.ombookingMulig ?? null,
    rebookingDeadline: d.ombookingsfrist ? wireDateTime(d.ombookingsfrist) : null,
    cancelPossible: d.aflysningMulig ?? null,
    cancelDeadline: d.aflysningsfrist ? wireDateTime(d.aflysningsfrist) : null,
    participants: (d.myndighedsdeltagere ?? []).map((p) => ({ name: p.navn, contactDetails: p.kontaktdetaljer ?? null })),
  };
}

export function indkaldelseClient(rest: RestService): IndkaldelseClient {
  return {
    getIndkaldelser(ctx, cpr) {
      return rest.request(ctx, { operation: 'GetIndkaldelser', method: 'GET', path: '/v1/Indkaldelse/', cpr, schema: answer, write: false }, (a) =>
        a.indkaldelser.map((d) => toMeeting(cpr, d)),
      );
    },

    createIndkaldelse(ctx, cpr, meetingId, input, requestId) {
      return rest.request(
        ctx,
        { operation: 'CreateIndkaldelse', method: 'POST', path: `/v1/Indkaldelse/${seg(meetingId)}`, cpr, requestId, body: indkaldelseBody(input), schema: idAnswer, write: true },
        (a) => ({ meetingId: a.indkaldelseIdentifier.toLowerCase() }),
      );
    },

    updateIndkaldelse(ctx, cpr, meetingId, input, requestId) {
      return rest.request(
        ctx,
        { operation: 'UpdateIndkaldelse', method: 'PUT', path: `/v1/Indkaldelse/${seg(meetingId)}`, cpr, requestId, body: indkaldelseBody(input), schema: idAnswer, write: true },
        (a) => ({ meetingId: a.indkaldelseIdentifier.toLowerCase() }),
      );
    },

    async deleteIndkaldelse(ctx, cpr, meetingId, requestId) {
      await rest.call(ctx, { operation: 'DeleteIndkaldelse', method: 'DELETE', path: `/v1/Indkaldelse/${seg(meetingId)}`, cpr, requestId, schema: null, write: true });
    },
  };
}
