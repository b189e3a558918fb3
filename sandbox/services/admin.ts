// /_sandbox/* (wire-contract §5): stats, faults, clock, reset, citizen patches, the sample. The
// server lets only the admin certificate in here.

import { isCurrentMember } from '../access';
import { addDays, isValidDate, type Clock } from '../dates';
import type { Faults } from '../faults';
import { FaultError, parseFaults } from '../faults';
import { json, type Env, type Req, type Res } from '../http';
import type { CitizenPatch } from '../model';
import { akasse, AKASSE_CODES, jobcenter } from '../orgs';
import { MUNICIPALITY_OF_JOBCENTER, type BaseCitizen } from '../population';
import type { Sample } from '../sample';
import type { Stats } from '../stats';

export interface AdminDeps {
  env: Env;
  clock: Clock;
  faults: Faults;
  stats: Stats;
  reset: () => void;
  sample: () => Sample;
}

/** ASSUMED: the registering authority of admin-made changes is STAR (organisation type 1). */
const STAR = { orgTypeId: 1, code: '1' };
const SYSTEM_USER = { fullName: 'DFDG sandbox', userIdentifier: 'sandbox-admin' };

function bad(text: string): Res {
  return json(400, { fejlkode: 400, fejltekst: text }, 'rejected');
}

function body(req: Req): unknown {
  const text = req.body.toString('utf8').trim();
  if (text === '') return {};
  return JSON.parse(text);
}

export function citizenSummary(c: BaseCitizen): Record<string, unknown> {
  return {
    cpr: c.cpr,
    name: `${c.givenName} ${c.surname}`,
    contactGroup: c.contactGroup,
    registrationCategory: c.registrationCategory,
    personCategory: c.personCategory,
    akasseCode: c.akasseCode,
    membershipStart: c.membershipStart,
    membershipEnd: c.membershipEnd,
    jobcenterCode: c.jobcenterCode,
    deceasedDate: c.deceasedDate,
  };
}

const NULLABLE_INT = (v: unknown) => v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10_000);

function patchCitizen(deps: AdminDeps, cpr: string, input: unknown): Res {
  const { env } = deps;
  const c = env.state.citizen(cpr);
  if (!c) return json(404, { fejlkode: 1010, fejltekst: 'Unknown cpr' }, 'rejected');
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return bad('patch must be a JSON object');
  const o = input as Record<string, unknown>;
  const allowed = new Set(['contactGroup', 'registrationCategory', 'personCategory', 'akasseCode', 'jobcenterCode', 'deceased']);
  for (const k of Object.keys(o)) if (!allowed.has(k)) return bad(`unknown field ${k}`);
  const today = env.clock.today();
  const patch: CitizenPatch = {};
  for (const k of ['contactGroup', 'registrationCategory', 'personCategory'] as const) {
    if (k in o) {
      if (!NULLABLE_INT(o[k])) return bad(`${k} must be an integer or null`);
      patch[k] = o[k] as number | null;
    }
  }
  if ('jobcenterCode' in o) {
    if (typeof o.jobcenterCode !== 'string' || !jobcenter(o.jobcenterCode)) return bad('jobcenterCode must be 10100, 10101 or 75100');
    patch.jobcenterCode = o.jobcenterCode;
    patch.municipalityCode = MUNICIPALITY_OF_JOBCENTER[o.jobcenterCode] ?? c.municipalityCode;
  }
  if ('deceased' in o) {
    if (typeof o.deceased !== 'boolean') return bad('deceased must be true or false');
    patch.deceasedDate = o.deceased ? (c.deceasedDate ?? today) : null;
  }
  let membership: { from: string | null; to: string | null } | null = null;
  if ('akasseCode' in o) {
    const code = o.akasseCode;
    if (code !== null && (typeof code !== 'string' || !(AKASSE_CODES as readonly string[]).includes(code))) return bad('akasseCode must be 067, 084 or null');
    const current = isCurrentMember(c, today) ? c.akasseCode : null;
    if (code !== current) {
      membership = { from: current, to: code };
      if (code === null) patch.membershipEnd = addDays(today, -1);
      else {
        patch.akasseCode = code;
        patch.membershipStart = today;
        patch.membershipEnd = null;
      }
    }
  }
  env.state.patchCitizen(cpr, patch);
  if (membership) {
    const { from, to } = membership;
    env.notifier.raise([akasse(from), akasse(to)], {
      method: 'GetPersonUnemploymentFundSaveMembershipVersion5',
      cpr,
      changeType: to === null ? 3 : from === null ? 1 : 2,
      registeringAuthority: STAR,
      registeringUser: SYSTEM_USER,
      entityId: null,
      extras: [
        ['UnemploymentFundCode', to ?? from],
        ['PreviousUnemploymentFundCode', to === null ? null : from],
        ['MembershipStartDate', to === null ? c.membershipStart : today],
      ],
    });
  }
  const updated = env.state.citizen(cpr);
  return json(200, updated ? citizenSummary(updated) : {});
}

export function handleAdmin(deps: AdminDeps, req: Req, seg: string[]): Res {
  const [what, arg] = seg;
  try {
    if (req.method === 'GET' && what === 'stats' && seg.length === 1)
      return json(200, { ...deps.stats.snapshot(deps.env.state.logical), webhook: { ...deps.env.notifier.webhook } });
    if (req.method === 'GET' && what === 'faults' && seg.length === 1) return json(200, deps.faults.settings);
    if (req.method === 'POST' && what === 'faults' && seg.length === 1) {
      deps.faults.set(parseFaults(body(req)));
      return json(200, deps.faults.settings);
    }
    if (req.method === 'GET' && what === 'clock' && seg.length === 1) return json(200, { today: deps.clock.today(), overridden: deps.clock.overridden });
    if (req.method === 'POST' && what === 'clock' && seg.length === 1) {
      const b = body(req) as Record<string, unknown>;
      const t = b?.today;
      if (t !== null && (typeof t !== 'string' || !isValidDate(t))) return bad('today must be YYYY-MM-DD or null');
      deps.clock.set(t);
      return json(200, { today: deps.clock.today(), overridden: deps.clock.overridden });
    }
    if (req.method === 'POST' && what === 'reset' && seg.length === 1) {
      deps.reset();
      return json(200, { reset: true });
    }
    if (req.method === 'GET' && what === 'sample' && seg.length === 1) return json(200, deps.sample());
    if (req.method === 'GET' && what === 'citizens' && arg && seg.length === 2) {
      const c = deps.env.state.citizen(arg);
      return c ? json(200, citizenSummary(c)) : json(404, { fejlkode: 1010, fejltekst: 'Unknown cpr' }, 'rejected');
    }
    if (req.method === 'POST' && what === 'citizens' && arg && seg.length === 2) return patchCitizen(deps, arg, body(req));
  } catch (e) {
    if (e instanceof FaultError) return bad(e.message);
    if (e instanceof SyntaxError) return bad('the body is not valid JSON');
    throw e;
  }
  return json(404, { fejlkode: 404, fejltekst: 'Ukendt adresse' }, 'rejected');
}
