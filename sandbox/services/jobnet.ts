// The citizen's Jobnet message tray (sandbox only, wire-contract §4): every channel-4 message
// about the citizen, newest first, readable with any sandbox certificate. `afsender.navn` is the
// sending organisation's name (ASSUMED: the citizen sees the authority, not the caseworker).

import { matchesCprPattern } from '../cpr';
import { json, Reject, type Env, type Req, type Res } from '../http';
import { orgByTypeAndCode } from '../orgs';
import type { Route } from './rest';

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
