import type { IpcHandlers } from '../../../../shared/ipc';
import { CoreError } from '../../errors';
import { teamPage } from '../../hub/sync';
import type { CoreContext } from '../context';

type TeamChannels = 'hub.page' | 'hub.get' | 'hub.act' | 'hub.takeNext' | 'hub.handover' | 'hub.team' | 'hub.commands' | 'hub.dismiss';

/** The Indbakke in hub mode: pages of the team queue as this desktop holds it, and the caseworker's actions. */
export function teamHandlers(c: CoreContext): Pick<IpcHandlers, TeamChannels> {
  const status = () => {
    const s = c.hubStatus();
    if (!s) throw new CoreError('not-configured', 'DFDG Desk arbejder ikke med en hub. Indbakken viser dette skrivebords egne advis’er.');
    return s;
  };
  /** The running connection; before it runs (the sandbox's hub starting) nothing can go to the hub. */
  const running = () => {
    const s = status();
    const sync = c.hub();
    if (!sync) throw new CoreError('offline', s.reason ?? 'Hubben er ikke klar endnu. Prøv igen om et øjeblik.');
    return sync;
  };
  const work = (cpr: string) => c.audit.record({ cpr, action: 'advisory.work', source: 'local', purpose: 'advisory' });
  return {
    async 'hub.page'({ view, offset, limit, kind }) {
      const s = status();
      const sync = c.hub();
      // Before the connection runs (the sandbox's hub starting), the copy from last time is shown.
      const page = sync ? sync.page(view, offset, limit, kind) : teamPage(c.store, view, offset, limit, c.today(), kind);
      return { ...page, status: s };
    },
    async 'hub.get'({ id }) {
      status();
      const a = c.store.hubQueue.team(id);
      if (!a) throw new CoreError('not-found', 'Opgaven findes ikke (længere) i teamets kø.');
      return a;
    },
    async 'hub.act'({ id, action }) {
      const r = await running().act(id, action);
      work(r.advisory.cpr);
      return r;
    },
    async 'hub.takeNext'({ kind }) {
      const advisory = await running().takeNext(kind);
      if (advisory) work(advisory.cpr);
      return { advisory };
    },
    async 'hub.handover'({ id, to }) {
      const advisory = await running().handover(id, to);
      work(advisory.cpr);
      return { advisory };
    },
    async 'hub.team'() {
      return running().team();
    },
    async 'hub.commands'() {
      status();
      return { items: c.store.hubQueue.commands() };
    },
    async 'hub.dismiss'({ id }) {
      status();
      // Local only: also while the hub cannot be reached (or its connection is not running yet).
      const sync = c.hub();
      if (sync) sync.dismiss(id);
      else if (!c.store.hubQueue.dismiss(id)) throw new CoreError('conflict', 'Handlingen er ikke afvist (længere), så der er intet at fjerne.');
      return { items: c.store.hubQueue.commands() };
    },
  };
}
