// The citizen's Jobnet (sandbox only, wire-contract §4), readable with any sandbox certificate: the
// message tray, every channel-4 message about the citizen, newest first (`afsender.navn` is the
// sending organisation's name: ASSUMED, the citizen sees the authority, not the caseworker); and the
// citizen's meetings (`/jobnet/v1/moeder/{cpr}`), soonest first, with the link of a digital meeting
// (interfaces.md §9.3: shown to the citizen on Jobnet). ASSUMED: the citizen sees every interview
// type (a-kasse filtering is for the a-kasse) and the invitation's fields as IndkaldelseDto.

import { matchesCprPattern } from '../cpr';
import { json, Reject, type Env, type Req, type Res } from '../http';
import { orgByTypeAndCode } from '../orgs';
import type { Route } from './rest';
import { indkaldelseDto } from './indkaldelse';

export function routeJobnet(method: string, seg: string[]): Route | null {
  return method === 'GET' && seg.length === 1 ? { op: 'GetBeskedbakke', params: seg, write: false } : null;
}

export function handleJobnet(env: Env, _req: Req, route: Route): Res {
  const cpr = (route.params[0] ?? '').trim();
  if (!matchesCprPattern(cpr)) throw new Reject(1001);
  if (!env.state.citizen(cpr)) throw new Reject(1010);
  const beskeder = env.state
    .detail(cpr)
    .messages.filter((m) => m.channel === 4)
    .sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0))
    .map((m) => ({
      beskedIdentifier: m.id,
      emne: m.subject,
      tekst: m.body,
      kontekstType: m.contextType,
      afsender: {
        navn: orgByTypeAndCode(m.from.orgTypeId, m.from.orgCode)?.name ?? m.from.fullName,
        organisationstype: m.from.orgTypeId,
        organisationskode: m.from.orgCode,
      },
      modtager: m.to ? { organisationstype: m.to.orgTypeId, organisationskode: m.to.code } : null,
      oprettet: m.created,
      dokumenter: m.documents.map((d) => ({ navn: d.fileName, mimeType: d.mimeType })),
    }));
  return json(200, { beskeder });
}

export function routeJobnetMoeder(method: string, seg: string[]): Route | null {
  return method === 'GET' && seg.length === 1 ? { op: 'GetMoeder', params: seg, write: false } : null;
}

export function handleJobnetMoeder(env: Env, _req: Req, route: Route): Res {
  const cpr = (route.params[0] ?? '').trim();
  if (!matchesCprPattern(cpr)) throw new Reject(1001);
  if (!env.state.citizen(cpr)) throw new Reject(1010);
  const moeder = [...env.state.detail(cpr).meetings].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)).map(indkaldelseDto);
  return json(200, { moeder });
}
