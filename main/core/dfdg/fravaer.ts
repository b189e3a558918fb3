// VisiteringOgStatus.FravaerService (Version 1), REST: absence and exemptions (docs/wire-contract.md §3.1).
//
// ASSUMED (wire-contract.md §3.1): the FravaerDto fields beyond the request names (registreretAf,
// oprettelsestidspunkt, aendringstidspunkt), `berigtigelseskommentar` on update, the path
// `/v1/Fravaer/historik` and its answer, and the codes 4593 (type 78) / 4594 (historic delete).

import { z } from 'zod';
import type { Absence, AbsenceInput, Cpr } from '../../../shared/domain';
import { seg, type RestService } from './rest';
import type { FravaerClient } from './types';
import { restDate, wireDate, wireDateTime } from './values';

const int = z.number().int();

export const fravaerDto = z.object({
  fravaerIdentifier: z.string().min(1),
  fravaerType: int,
  startDato: z.string(),
  slutDato: z.string().nullish(),
  fravaersKommentar: z.string().nullish(),
  anmeldelsesDato: z.string(),
  fravaersAfslutningsAarsag: int.nullish(),
  registreretAf: z.object({ organisationstype: int, organisationskode: z.string() }).nullish(),
  oprettelsestidspunkt: z.string().nullish(),
  aendringstidspunkt: z.string().nullish(),
});
type FravaerDto = z.infer<typeof fravaerDto>;

const idAnswer = z.object({ fravaerIdentifier: z.string().min(1) });
const alle = z.object({ fravaer: z.array(fravaerDto) });
const historik = z.object({
  historik: z.array(
    z.object({
      fravaerIdentifier: z.string().min(1),
      aendringstype: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      tidspunkt: z.string(),
      berigtigelseskommentar: z.string().nullish(),
      fravaer: fravaerDto,
    }),
  ),
});

export function toAbsence(cpr: Cpr, d: FravaerDto): Absence {
  return {
    id: d.fravaerIdentifier.toLowerCase(),
    cpr,
    type: d.fravaerType,
    start: wireDate(d.startDato),
    end: d.slutDato ? wireDate(d.slutDato) : null,
    comment: d.fravaersKommentar ?? null,
    notificationDate: wireDate(d.anmeldelsesDato),
    endReason: d.fravaersAfslutningsAarsag ?? null,
    registeredBy: d.registreretAf ? { organisationType: d.registreretAf.organisationstype, organisationCode: d.registreretAf.organisationskode } : null,
    createdAt: d.oprettelsestidspunkt ? wireDateTime(d.oprettelsestidspunkt) : null,
    updatedAt: d.aendringstidspunkt ? wireDateTime(d.aendringstidspunkt) : null,
  };
}

/** The request body (CreateFravaerRequestDto without the id / UpdateFravaerRequestDto). Absent values are left out. */
export function fravaerBody(input: AbsenceInput & { rectificationComment?: string | null }): Record<string, unknown> {
  return {
    fravaerType: input.type,
    startDato: restDate(input.start),
    slutDato: input.end ? restDate(input.end) : undefined,
    fravaersKommentar: input.comment ?? undefined,
    anmeldelsesDato: restDate(input.notificationDate),
    fravaersAfslutningsAarsag: input.endReason ?? undefined,
    berigtigelseskommentar: input.rectificationComment ?? undefined,
  };
}

export function fravaerClient(rest: RestService): FravaerClient {
  return {
    createFravaer(ctx, cpr, absenceId, input, requestId) {
      const body = fravaerBody({ ...input, rectificationComment: undefined });
      return rest.request(
        ctx,
        { operation: 'CreateFravaerMedIdentifier', method: 'POST', path: `/v1/Fravaer/${seg(absenceId)}`, cpr, requestId, body, schema: idAnswer, write: true },
        (a) => ({ absenceId: a.fravaerIdentifier.toLowerCase() }),
      );
    },

    updateFravaer(ctx, cpr, absenceId, input, requestId) {
      return rest.request(
        ctx,
        { operation: 'UpdateFravaer', method: 'PUT', path: `/v1/Fravaer/${seg(absenceId)}`, cpr, requestId, body: fravaerBody(input), schema: idAnswer, write: true },
        (a) => ({ absenceId: a.fravaerIdentifier.toLowerCase() }),
      );
    },

    async deleteFravaer(ctx, cpr, absenceId, rectificationComment, requestId) {
      await rest.call(ctx, {
        operation: 'DeleteFravaer',
        method: 'DELETE',
        path: `/v1/Fravaer/${seg(absenceId)}/${seg(rectificationComment)}`,
        cpr,
        requestId,
        schema: null,
        write: true,
      });
    },

    getAlleFravaer(ctx, cpr) {
      return rest.request(ctx, { operation: 'GetAlleFravaer', method: 'GET', path: '/v1/Fravaer/', cpr, schema: alle, write: false }, (a) =>
        a.fravaer.map((d) => toAbsence(cpr, d)),
      );
    },

    getFravaer(ctx, cpr, absenceId) {
      return rest.request(
        ctx,
        { operation: 'GetFravaer', method: 'GET', path: `/v1/Fravaer/${seg(cpr)}/${seg(absenceId)}`, cpr, schema: fravaerDto, write: false },
        (d) => toAbsence(cpr, d),
      );
    },

    getFravaerHistorik(ctx, cpr) {
      return rest.request(ctx, { operation: 'GetFravaerHistorik', method: 'GET', path: '/v1/Fravaer/historik', cpr, schema: historik, write: false }, (h) =>
        h.historik.map((e) => ({
          absenceId: e.fravaerIdentifier.toLowerCase(),
          changeType: e.aendringstype,
          at: wireDateTime(e.tidspunkt),
          rectificationComment: e.berigtigelseskommentar ?? null,
          absence: toAbsence(cpr, e.fravaer),
        })),
      );
    },
  };
}
