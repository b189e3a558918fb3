import type { IpcHandlers } from '../../../../shared/ipc';
import { CoreError } from '../../errors';
import { teamPage } from '../../hub/sync';
import type { CoreContext } from '../context';

/** The Indbakke in hub mode: pages of the team queue as this desktop holds it, and the caseworker's actions. */
export function teamHandlers(c: CoreContext): Pick<IpcHandlers, 'hub.page' | 'hub.get' | 'hub.act'> {
  const status = () => {
    const s = c.hubStatus();
    if (!s) throw new CoreError('not-configured', 'DFDG Desk arbejder ikke med en hub. Indbakken viser dette skrivebords egne advis’er.');
    return s;
  };
  return {
    async 'hub.page'({ view, offset, limit }) {
      const s = status();
      const sync = c.hub();
      // Before the connection runs (the sandbox's hub starting), the copy from last time is shown.
      const page = sync ? sync.page(view, offset, limit) : teamPage(c.store, view, offset, limit, c.today());
      return { ...page, status: s };
    },
    async 'hub.get'({ id }) {
      status();
      const a = c.store.hubQueue.team(id);
      if (!a) throw new CoreError('not-found', 'Opgaven findes ikke (længere) i teamets kø.');
      return a;
    },
    async 'hub.act'({ id, action }) {
      const s = status();
      const sync = c.hub();
      if (!sync) throw new CoreError('offline', s.reason ?? 'Hubben er ikke klar endnu. Prøv igen om et øjeblik.');
      const r = await sync.act(id, action);
      c.audit.record({ cpr: r.advisory.cpr, action: 'advisory.work', source: 'local', purpose: 'advisory' });
      return r;
    },
  };
}
