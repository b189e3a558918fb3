import type { Citizen, Cpr, Freshness } from '../../../../shared/domain';
import { isValidCpr, looksLikeCpr, normalizeCpr } from '../../../../shared/cpr';
import type { ChannelResponse, IpcHandlers } from '../../../../shared/ipc';
import { checkAccess } from '../../../../shared/rules';
import { toSummary } from '../../store/repos/citizens';
import type { CoreContext } from '../context';
import { isAccessDenied } from '../context';
import { isDfdgError } from '../../dfdg/errors';
import { loadCitizen, mayShow, readPart, requireAccess, requireAllowed, saveCitizen } from '../reads';

type Overview = ChannelResponse<'citizens.open'>;

export function overviewOf(c: CoreContext, citizen: Citizen, freshness: Freshness): Overview {
  const cpr = citizen.cpr;
  return {
    citizen,
    freshness,
    access: checkAccess(c.ruleCtx(citizen)),
    counts: {
      threads: c.store.messages.countThreads(cpr),
      absences: c.store.absences.count(cpr),
      activities: c.store.activities.count(cpr),
      openAdvisories: c.store.advisories.countOpen(cpr),
      drafts: c.store.drafts.count(cpr),
    },
  };
}

/** Every part of a citizen's data, fetched again (best effort: a failing part keeps its cache). */
export async function refreshAll(c: CoreContext, cpr: Cpr, purpose: string): Promise<void> {
  const parts: Promise<unknown>[] = [
    readPart(c, cpr, 'messages', {
      action: 'messages.read',
      purpose,
      force: true,
      fetch: (cl, ctx) => cl.citizenMessage.getCitizenMessages(ctx, cpr),
      save: (msgs, at) => c.store.messages.replaceForCitizen(cpr, msgs, at),
    }),
    readPart(c, cpr, 'absences', {
      action: 'absences.read',
      purpose,
      force: true,
      fetch: (cl, ctx) => cl.fravaer.getAlleFravaer(ctx, cpr),
      save: (list, at) => c.store.absences.replaceFromDfdg(cpr, list, at),
    }),
    readPart(c, cpr, 'activities', {
      action: 'plan.read',
      purpose,
      force: true,
      fetch: (cl, ctx) => cl.personActivityStatus.getPersonActivityStatus(ctx, cpr),
      save: (list, at) => c.store.activities.replaceFromDfdg(cpr, list, at),
    }),
  ];
  const results = await Promise.allSettled(parts);
  for (const r of results) if (r.status === 'rejected' && isDfdgError(r.reason) && isAccessDenied(r.reason)) throw r.reason;
}

export function citizenHandlers(c: CoreContext): Pick<IpcHandlers, 'citizens.search' | 'citizens.open' | 'citizens.refresh'> {
  return {
    async 'citizens.search'({ query }) {
      c.requireIdentity();
      const q = query.trim();
      const online = c.canReachDfdg();
      if (looksLikeCpr(q)) {
        const cpr = normalizeCpr(q);
        if (!cpr) {
          // A partial CPR: the cached citizens whose CPR starts with it.
          const digits = q.replace(/\D/g, '');
          const rows = c.store.db
            .prepare<[string], { cpr: string }>("SELECT cpr FROM citizens WHERE cpr LIKE ? || '%' ORDER BY last_used_at DESC LIMIT 50")
            .all(digits);
          const hits = rows.map((r) => c.store.citizens.get(r.cpr)!).filter((cc) => mayShow(c, cc));
          c.store.transaction(() => {
            for (const h of hits) c.audit.record({ cpr: h.citizen.cpr, action: 'citizen.search', source: 'cache', purpose: 'search' });
          });
          return { results: hits.map(toSummary), source: 'cache', online };
        }
        if (!isValidCpr(cpr)) return { results: [], source: 'cache', online };
        const cached = c.store.citizens.get(cpr);
        if (online) {
          try {
            const citizen = await c.dfdg((cl, ctx) => cl.personStatus.getVariablePersonStatus(ctx, cpr, { core: true, contactGroup: true, unemploymentFund: true, authority: true }));
            const at = c.nowIso();
            // Only a citizen the organisation may see is kept (saveCitizen): a refusal leaves nothing behind.
            const denied = saveCitizen(c, citizen, at) === 'denied';
            c.audit.record({ cpr, action: 'citizen.search', source: 'dfdg', purpose: 'search', outcome: denied ? 'denied' : 'ok' });
            return { results: denied ? [] : [toSummary(c.store.citizens.get(cpr)!)], source: 'dfdg', online: true };
          } catch (e) {
            if (isAccessDenied(e)) {
              c.audit.record({ cpr, action: 'citizen.search', source: 'dfdg', purpose: 'search', outcome: 'denied' });
              if (cached) c.store.citizens.setAccess(cpr, 'denied');
              return { results: [], source: 'dfdg', online: true };
            }
            if (isDfdgError(e) && !e.transient) {
              c.audit.record({ cpr, action: 'citizen.search', source: 'dfdg', purpose: 'search', outcome: 'error' });
              return { results: [], source: 'dfdg', online: true };
            }
            // DFDG unreachable: the cache answers.
          }
        }
        const ok = cached && mayShow(c, cached);
        c.audit.record({ cpr, action: 'citizen.search', source: 'cache', purpose: 'search', outcome: cached && !ok ? 'denied' : 'ok' });
        return { results: ok ? [toSummary(cached)] : [], source: 'cache', online: c.canReachDfdg() };
      }
      const hits = c.store.citizens.searchByName(q, 50).filter((cc) => mayShow(c, cc));
      c.store.transaction(() => {
        for (const h of hits) c.audit.record({ cpr: h.citizen.cpr, action: 'citizen.search', source: 'cache', purpose: 'search' });
      });
      return { results: hits.map(toSummary), source: 'cache', online };
    },

    async 'citizens.open'({ cpr, purpose }) {
      c.requireIdentity();
      // A citizen DFDG refused before is asked about again when DFDG can be reached (access may be back).
      const force = c.store.citizens.get(cpr)?.access === 'denied' && c.canReachDfdg();
      const { citizen, freshness } = await loadCitizen(c, cpr, { purpose, action: 'citizen.open', force });
      requireAccess(c, cpr, 'citizen.open', purpose);
      requireAllowed(c, citizen, 'citizen.open', purpose, freshness.source);
      c.store.transaction(() => {
        c.store.citizens.touch(cpr, c.nowIso());
        c.audit.record({ cpr, action: 'citizen.open', source: freshness.source, purpose });
      });
      return overviewOf(c, citizen, freshness);
    },

    async 'citizens.refresh'({ cpr }) {
      c.requireIdentity();
      const { citizen, freshness } = await loadCitizen(c, cpr, { purpose: 'citizen-page', action: 'citizen.refresh', force: true });
      requireAccess(c, cpr, 'citizen.refresh', 'citizen-page');
      requireAllowed(c, citizen, 'citizen.refresh', 'citizen-page', freshness.source);
      if (freshness.source === 'dfdg') await refreshAll(c, cpr, 'citizen-page');
      c.store.transaction(() => {
        c.store.citizens.touch(cpr, c.nowIso());
        c.audit.record({ cpr, action: 'citizen.refresh', source: freshness.source, purpose: 'citizen-page' });
      });
      c.events.emit('citizen.updated', { cpr });
      return overviewOf(c, citizen, freshness);
    },
  };
}
