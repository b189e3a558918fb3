// Joblog (CitizenJoblogService), REST in DFDG's style (docs/wire-contract.md §3.3).
//
// ASSUMED (wire-contract.md §3.3): the whole contract — DFDG's joblog service contract is not public:
// `GET /v1/Joblog/` → { jobsoegninger: [{ jobsoegningIdentifier, ansoegningsdato, ansoegningsfrist?,
// virksomhedsnavn, stillingsbetegnelse, beskrivelse?, oprettelsestidspunkt }] }.

import { z } from 'zod';
import type { JoblogEntry } from '../../../shared/domain';
import type { RestService } from './rest';
import type { JoblogClient } from './types';
import { wireDate, wireDateTime } from './values';

export const jobsoegningDto = z.object({
  jobsoegningIdentifier: z.string().min(1),
  ansoegningsdato: z.string(),
  ansoegningsfrist: z.string().nullish(),
  virksomhedsnavn: z.string(),
  stillingsbetegnelse: z.string(),
  beskrivelse: z.string().nullish(),
  oprettelsestidspunkt: z.string().nullish(),
});

const answer = z.object({ jobsoegninger: z.array(jobsoegningDto) });

export function joblogClient(rest: RestService): JoblogClient {
  return {
    getJoblog(ctx, cpr) {
      return rest.request(ctx, { operation: 'GetJoblog', method: 'GET', path: '/v1/Joblog/', cpr, schema: answer, write: false }, (a) =>
        a.jobsoegninger.map(
          (d): JoblogEntry => ({
            id: d.jobsoegningIdentifier.toLowerCase(),
            cpr,
            submissionDate: wireDate(d.ansoegningsdato),
            submissionDeadlineDate: d.ansoegningsfrist ? wireDate(d.ansoegningsfrist) : null,
            companyName: d.virksomhedsnavn,
            jobTitle: d.stillingsbetegnelse,
            description: d.beskrivelse ?? null,
            createdAt: d.oprettelsestidspunkt ? wireDateTime(d.oprettelsestidspunkt) : null,
          }),
        ),
      );
    },
  };
}
