import type { Citizen, Cpr, Freshness } from '../../../shared/domain';
import { explainDfdgError } from '../../../shared/dfdgErrors';
import { checkAccess } from '../../../shared/rules';
import type { AuditAction } from '../audit/audit';
import { isDfdgError } from '../dfdg/errors';
import type { CallContext, DfdgClients } from '../dfdg/types';
import { CoreError } from '../errors';
import { freshnessOf } from '../store/freshness';
import type { CachePart } from '../store/repos/caseData';
import type { CachedCitizen } from '../store/repos/citizens';
import { purgeCitizen } from '../store/retention';
import { isAccessDenied, isTransient, offlineError, type CoreContext } from './context';

/**
 * DFDG refused the citizen to this organisation (4575/6005): log it as denied, forget what the cache
 * holds about the citizen (RETAIN_CACHE; drafts and unsent commands stay), and tell the caseworker.
 */
export function denyCitizen(c: CoreContext, cpr: Cpr, action: AuditAction, purpose: string, e: unknown): never {
  c.audit.record({ cpr, action, source: 'dfdg', purpose, outcome: 'denied' });
  if (c.store.citizens.get(cpr)) {
    c.store.citizens.setAccess(cpr, 'denied');
    purgeCitizen(c.store, cpr);
    c.events.emit('citizen.updated', { cpr });
  }
  const code = isDfdgError(e) ? e.code : null;
  const { title, advice } = explainDfdgError(code);
  throw new CoreError('access-denied', `${title} ${advice}`, { code });
}

function notFoundOrThrow(e: unknown): never {
  if (isDfdgError(e) && !e.transient && (e.code === 1010 || e.code === 4404 || e.code === 1001)) {
    const { title, advice } = explainDfdgError(e.code);
    throw new CoreError('not-found', `${title} ${advice}`, { code: e.code });
  }
  throw e;
}

export function accessOf(c: CoreContext, citizen: Citizen): 'allowed' | 'denied' {
  return checkAccess(c.ruleCtx(citizen)).some((f) => f.severity === 'error') ? 'denied' : 'allowed';
}

/** May the organisation see this cached citizen: not refused by DFDG, and allowed by the rules (ACCESS_*)? */
export function mayShow(c: CoreContext, cc: CachedCitizen): boolean {
  return cc.access !== 'denied' && accessOf(c, cc.citizen) === 'allowed';
}

/**
 * Every citizen-scoped read starts here: a cached citizen the organisation may not see (refused by
 * DFDG, or no longer allowed by the rules: a membership ended, another jobcenter) is refused before
 * anything is read from the cache, and the attempt is logged as denied. An uncached citizen is left to
 * DFDG, which enforces its own access filters.
 */
export function requireAccess(c: CoreContext, cpr: Cpr, action: AuditAction, purpose: string): void {
  const cc = c.store.citizens.get(cpr);
  if (!cc || mayShow(c, cc)) return;
  c.audit.record({ cpr, action, source: 'cache', purpose, outcome: 'denied' });
  throw accessDenied(c, cc.citizen);
}

function accessDenied(c: CoreContext, citizen: Citizen): CoreError {
  const findings = checkAccess(c.ruleCtx(citizen)).filter((f) => f.severity === 'error');
  if (findings.length) return new CoreError('access-denied', findings[0]!.message, { findings });
  const { title, advice } = explainDfdgError(4575);
  return new CoreError('access-denied', `${title} ${advice}`, { code: 4575 });
}

/** After a person status was read: refuse (and log as denied) a citizen the rules do not let us see. */
export function requireAllowed(c: CoreContext, citizen: Citizen, action: AuditAction, purpose: string, source: 'cache' | 'dfdg'): void {
  if (accessOf(c, citizen) === 'allowed') return;
  c.audit.record({ cpr: citizen.cpr, action, source, purpose, outcome: 'denied' });
  throw accessDenied(c, citizen);
}

/**
 * Stores a person status from DFDG (and names the citizen on their advisories), only when the rules
 * let the organisation see the citizen: a person status DFDG answered for a citizen we may not see is
 * never kept (DFDG's own filters are not ours to trust alone), and what the cache held about them is
 * forgotten (drafts and unsent commands stay). Returns the access the rules decided.
 */
export function saveCitizen(c: CoreContext, citizen: Citizen, at: string): 'allowed' | 'denied' {
  const access = accessOf(c, citizen);
  if (access === 'denied') {
    if (c.store.citizens.get(citizen.cpr)) {
      purgeCitizen(c.store, citizen.cpr);
      c.events.emit('citizen.updated', { cpr: citizen.cpr });
    }
    return access;
  }
  c.store.transaction(() => {
    c.store.citizens.upsert(citizen, { fetchedAt: at, lastUsedAt: null, access });
    c.store.cacheMeta.set(citizen.cpr, 'status', at);
    c.store.advisories.setCitizenName(citizen.cpr, citizen.name);
  });
  return access;
}

/**
 * The citizen's person status: from the cache while fresh, else from DFDG (GetVariablePersonStatus),
 * falling back to the cache when DFDG cannot answer. 'offline' only when nothing is cached.
 */
export async function loadCitizen(
  c: CoreContext,
  cpr: Cpr,
  o: { force?: boolean; purpose: string; action: AuditAction },
): Promise<{ citizen: Citizen; freshness: Freshness }> {
  const cached = c.store.citizens.get(cpr);
  const fetchedAt = c.store.cacheMeta.get(cpr, 'status');
  const fresh = freshnessOf(fetchedAt, c.now(), c.staleMs(), 'cache');
  if (cached && !fresh.stale && !o.force) return { citizen: cached.citizen, freshness: fresh };
  const tryDfdg = !!c.clients() && !!c.identity() && (o.force || c.connectivity.online);
  let failure: unknown = null;
  if (tryDfdg) {
    let citizen: Citizen | null = null;
    try {
      citizen = await c.dfdg((cl, ctx) => cl.personStatus.getVariablePersonStatus(ctx, cpr));
    } catch (e) {
      if (isAccessDenied(e)) denyCitizen(c, cpr, o.action, o.purpose, e);
      if (!isTransient(e)) {
        c.audit.record({ cpr, action: o.action, source: 'dfdg', purpose: o.purpose, outcome: 'error' });
        notFoundOrThrow(e);
      }
      failure = e;
    }
    if (citizen) {
      const at = c.nowIso();
      if (saveCitizen(c, citizen, at) === 'denied') {
        c.audit.record({ cpr, action: o.action, source: 'dfdg', purpose: o.purpose, outcome: 'denied' });
        throw accessDenied(c, citizen);
      }
      return { citizen, freshness: { fetchedAt: at, stale: false, source: 'dfdg' } };
    }
  }
  if (cached) return { citizen: cached.citizen, freshness: fresh };
  if (!c.clients()) throw new CoreError('not-configured', 'Borgeren er ikke gemt på computeren, og DFDG er ikke sat op. Importér organisationens certifikat under Indstillinger.');
  throw offlineError(c, failure, 'DFDG kan ikke nås lige nu, og borgeren er ikke gemt på computeren. Prøv igen, når forbindelsen er tilbage.', 'Borgeren er ikke gemt på computeren.');
}

/**
 * One part of a citizen's data (messages, absences, ...): fresh cache → cache; stale or forced →
 * DFDG, saved with the time fetched; DFDG unreachable → the cache, marked stale. Audited either way.
 */
export async function readPart<T>(
  c: CoreContext,
  cpr: Cpr,
  part: CachePart,
  o: {
    action: AuditAction;
    purpose: string;
    force?: boolean;
    fetch: (clients: DfdgClients, ctx: CallContext) => Promise<T>;
    save: (data: T, at: string) => void;
  },
): Promise<Freshness> {
  requireAccess(c, cpr, o.action, o.purpose);
  const fetchedAt = c.store.cacheMeta.get(cpr, part);
  const cached = freshnessOf(fetchedAt, c.now(), c.staleMs(), 'cache');
  const wanted = o.force || cached.stale;
  const possible = !!c.clients() && !!c.identity() && (o.force || c.connectivity.online);
  if (!wanted || !possible) {
    c.audit.record({ cpr, action: o.action, source: 'cache', purpose: o.purpose });
    return cached;
  }
  try {
    const data = await c.dfdg(o.fetch);
    const at = c.nowIso();
    c.store.transaction(() => {
      o.save(data, at);
      c.store.cacheMeta.set(cpr, part, at);
    });
    c.audit.record({ cpr, action: o.action, source: 'dfdg', purpose: o.purpose });
    return { fetchedAt: at, stale: false, source: 'dfdg' };
  } catch (e) {
    if (isAccessDenied(e)) denyCitizen(c, cpr, o.action, o.purpose, e);
    if (isTransient(e)) {
      c.audit.record({ cpr, action: o.action, source: 'cache', purpose: o.purpose });
      return cached;
    }
    c.audit.record({ cpr, action: o.action, source: 'dfdg', purpose: o.purpose, outcome: 'error' });
    throw e;
  }
}

/**
 * Before anything is made for a citizen (a draft, a command): access decided from the person status.
 * A cached citizen we may not see is refused at once; otherwise the status is read (the cache while
 * fresh, else DFDG) and the rules decide. A citizen neither cached nor reachable cannot be decided,
 * so nothing is made (the offline error says so).
 */
export async function citizenForCommand(c: CoreContext, cpr: Cpr, purpose: string, action: AuditAction = 'citizen.open'): Promise<Citizen> {
  requireAccess(c, cpr, action, purpose);
  const { citizen, freshness } = await loadCitizen(c, cpr, { purpose, action });
  requireAllowed(c, citizen, action, purpose, freshness.source);
  return citizen;
}
