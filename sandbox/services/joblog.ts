// Joblog (CitizenJoblogService), REST in DFDG's style (wire-contract §3.3; ASSUMED contract).
// Dates before 2015-01-01 → 1014 (seed 001, rules.md JOBLOG_DATE_MIN); an existing id → 4977.

import crypto from 'node:crypto';
import { toRestDate } from '../dates';
import { json, Reject, type Env, type Req, type Res } from '../http';
import type { StoredJoblog } from '../model';
import { person } from './common';
import { cprHeader, Fields, guardReplay, jsonBody, requestId, type Route } from './rest';

const CODE = 1014;
const MIN_DATE = '2015-01-01';

export function routeJoblog(method: string, seg: string[]): Route | null {
  if (seg.length !== 0) return null;
  if (method === 'GET') return { op: 'GetJoblog', params: [], write: false };
  if (method === 'POST') return { op: 'CreateJobsoegning', params: [], write: true };
  return null;
}

function dto(j: StoredJoblog): Record<string, unknown> {
  const o: Record<string, unknown> = { jobsoegningIdentifier: j.id, ansoegningsdato: toRestDate(j.applicationDate) };
  if (j.deadline !== null) o.ansoegningsfrist = toRestDate(j.deadline);
  o.virksomhedsnavn = j.companyName;
  o.stillingsbetegnelse = j.jobTitle;
  if (j.description !== null) o.beskrivelse = j.description;
  o.oprettelsestidspunkt = j.created;
  return o;
}

export function handleJoblog(env: Env, req: Req, route: Route): Res {
  if (route.op === 'GetJoblog') {
    requestId(req, CODE);
    const cpr = cprHeader(req, CODE);
    person(env, req.caller, cpr, { write: false, style: 'rest' });
    return json(200, { jobsoegninger: env.state.detail(cpr).joblog.map(dto) });
  }
  const rid = requestId(req, CODE);
  const cpr = cprHeader(req, CODE);
  const f = new Fields(jsonBody(req, CODE), CODE);
  const givenId = f.optUuid('jobsoegningIdentifier');
  const applicationDate = f.date('ansoegningsdato');
  const deadline = f.optDate('ansoegningsfrist');
  const companyName = f.str('virksomhedsnavn', [1, 250]);
  const jobTitle = f.str('stillingsbetegnelse', [1, 250]);
  const description = f.optStr('beskrivelse', [0, 4000]);
  const c = person(env, req.caller, cpr, { write: false, style: 'rest' });
  guardReplay(env, req, rid);
  if (c.deceasedDate !== null) throw new Reject(4405);
  if (applicationDate < MIN_DATE || (deadline !== null && deadline < MIN_DATE))
    throw new Reject(CODE, 'ansoegningsdato og ansoegningsfrist kan ikke være før 01-01-2015');
  const detail = env.state.detail(cpr);
  if (givenId && detail.joblog.some((j) => j.id === givenId)) throw new Reject(4977);
  const entry: StoredJoblog = {
    id: givenId ?? crypto.randomUUID(),
    applicationDate,
    deadline,
    companyName,
    jobTitle,
    description,
    created: env.clock.nowIso(),
  };
  env.state.addJoblog(cpr, entry);
  env.state.recordLogical(`CreateJobsoegning:${givenId ?? `${req.caller.org.id}:${rid}`}`);
  return json(201, { jobsoegningIdentifier: entry.id });
}
