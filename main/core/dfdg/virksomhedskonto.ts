// Virksomhedsindsats.VirksomhedskontoService, REST: company accounts (docs/wire-contract.md §3.4).
// CVR + P → that unit; CVR → all its units; neither → every company with an account; P only or an
// unknown pair → [] (not an error).
//
// ASSUMED (wire-contract.md §3.4): the item field set { cvrNummer, pNummer, navn, kontoStatusAktiv,
// senesteLogintidspunkt? }.

import { z } from 'zod';
import type { Company } from '../../../shared/domain';
import type { RestService } from './rest';
import type { VirksomhedskontoClient } from './types';
import { wireDateTime } from './values';

export const virksomhedskontoDto = z.object({
  cvrNummer: z.string(),
  pNummer: z.string().nullish(),
  navn: z.string(),
  kontoStatusAktiv: z.boolean(),
  senesteLogintidspunkt: z.string().nullish(),
});

const answer = z.array(virksomhedskontoDto);

export function virksomhedskontoClient(rest: RestService): VirksomhedskontoClient {
  return {
    getVirksomhedskonto(ctx, query) {
      return rest.request(
        ctx,
        {
          operation: 'GetVirksomhedskonto',
          method: 'GET',
          path: '/v1/virksomhedskonto',
          query: { cvrNummer: query.cvr, pNummer: query.pNumber },
          schema: answer,
          write: false,
        },
        (list) =>
          list.map(
            (d): Company => ({
              cvr: d.cvrNummer,
              pNumber: d.pNummer ?? null,
              name: d.navn,
              accountActive: d.kontoStatusAktiv,
              lastLoginAt: d.senesteLogintidspunkt ? wireDateTime(d.senesteLogintidspunkt) : null,
            }),
          ),
      );
    },
  };
}
