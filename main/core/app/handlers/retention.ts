import type { ChannelResponse, IpcHandlers } from '../../../../shared/ipc';
import { evaluateRetention, RETENTION_LAST_PURGED, RETENTION_LAST_RUN, type PurgeReport } from '../../store/retention';
import type { CoreContext } from '../context';

type Status = ChannelResponse<'retention.status'>;

/**
 * Settings → "Lokale data": when the retention purge last ran and which citizens it holds back (due
 * for purging, kept because a draft, an unsent command or an open advisory refers to them), so the
 * caseworker can finish or discard that work. Showing a held citizen's name is a read of the cache:
 * audited. Also the access log's chain as last checked (a broken chain is shown there, not hidden).
 */
export function retentionHandlers(c: CoreContext, hooks: { purge: () => PurgeReport }): Pick<IpcHandlers, 'retention.status' | 'retention.purge'> {
  const status = (): Status => {
    const days = c.retentionDays();
    const held = evaluateRetention(c.store, c.now(), days)
      .filter((d) => d.held)
      .map((d) => ({
        cpr: d.cpr,
        name: c.store.citizens.get(d.cpr)?.citizen.name ?? null,
        reason: d.reason,
        ruleId: d.ruleId,
        text: d.text,
        drafts: c.store.drafts.list(d.cpr).map((x) => ({ id: x.id, subject: x.subject, updatedAt: x.updatedAt })),
        unsentCommands: d.unsentCommands,
        openAdvisories: d.openAdvisories,
      }));
    if (held.length) {
      c.store.transaction(() => {
        for (const h of held) c.audit.record({ cpr: h.cpr, action: 'retention.view', source: 'cache', purpose: 'settings' });
      });
    }
    const purged = c.store.kv.get(RETENTION_LAST_PURGED);
    return { retentionDays: days, lastRunAt: c.store.kv.get(RETENTION_LAST_RUN), lastPurged: purged === null ? null : Number(purged), held, auditLog: c.audit.chainStatus() };
  };
  return {
    async 'retention.status'() {
      c.requireIdentity();
      return status();
    },
    async 'retention.purge'() {
      c.requireIdentity();
      hooks.purge();
      return status();
    },
  };
}
