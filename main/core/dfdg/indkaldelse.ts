// Kontaktforloeb.IndkaldelseService, REST: the citizen's meetings (docs/wire-contract.md §3.2).
//
// ASSUMED (wire-contract.md §3.2): the IndkaldelseDto field set; times without an offset are Danish
// local time.

import { z } from 'zod';
import type { Meeting } from '../../../shared/domain';
import type { RestService } from './rest';
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
});

const answer = z.object({ indkaldelser: z.array(indkaldelseDto) });

export function indkaldelseClient(rest: RestService): IndkaldelseClient {
  return {
    getIndkaldelser(ctx, cpr) {
      return rest.request(ctx, { operation: 'GetIndkaldelser', method: 'GET', path: '/v1/Indkaldelse/', cpr, schema: answer, write: false }, (a) =>
        a.indkaldelser.map(
          (d): Meeting => ({
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
            organisation: d.myndighed
              ? { organisationType: d.myndighed.organisationstype, organisationCode: d.myndighed.organisationskode, name: d.myndighed.navn }
              : null,
          }),
        ),
      );
    },
  };
}
