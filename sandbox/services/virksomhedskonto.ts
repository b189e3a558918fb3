// Virksomhedsindsats.VirksomhedskontoService GetVirksomhedskonto (wire-contract §3.4, rules.md
// COMPANY_LOOKUP): CVR + P → that unit; CVR → all its units; neither → every company with a JobAG
// account; P only or an unknown pair → []. Companies without a JobAG account are never listed.
// ASSUMED: the item field set.

import { json, Reject, type Env, type Req, type Res } from '../http';
import type { CompanyUnit } from '../population';
import { requestId, type Route } from './rest';

const CODE = 99000;

export function routeVirksomhedskonto(method: string, seg: string[]): Route | null {
  return method === 'GET' && seg.length === 0 ? { op: 'GetVirksomhedskonto', params: [], write: false } : null;
}

function dto(u: CompanyUnit): Record<string, unknown> {
  const o: Record<string, unknown> = { cvrNummer: u.cvrNummer, pNummer: u.pNummer, navn: u.navn, kontoStatusAktiv: u.kontoStatusAktiv };
  if (u.senesteLogintidspunkt !== null) o.senesteLogintidspunkt = u.senesteLogintidspunkt;
  return o;
}

export function handleVirksomhedskonto(env: Env, req: Req): Res {
  requestId(req, CODE);
  if (req.caller.org.type === 'admin') throw new Reject(4575);
  const cvr = req.query.get('cvrNummer') || null;
  const p = req.query.get('pNummer') || null;
  if (cvr !== null && !/^\d{8}$/.test(cvr)) throw new Reject(CODE, 'cvrNummer must be 8 digits');
  if (p !== null && !/^\d{10}$/.test(p)) throw new Reject(CODE, 'pNummer must be 10 digits');
  const units = env.state.pop.companies.filter((u) => u.hasAccount);
  let result: CompanyUnit[];
  if (cvr && p) result = units.filter((u) => u.cvrNummer === cvr && u.pNummer === p);
  else if (cvr) result = units.filter((u) => u.cvrNummer === cvr);
  else if (p) result = [];
  else result = units;
  return json(200, result.map(dto));
}
