import type { AdvisoryStatus } from '../../../../shared/domain';
import type { IpcHandlers } from '../../../../shared/ipc';
import { CoreError } from '../../errors';
import type { CoreContext } from '../context';

export function inboxHandlers(c: CoreContext): Pick<IpcHandlers, 'advisories.list' | 'advisories.take' | 'advisories.done' | 'advisories.reopen'> {
  const change = (id: string, status: AdvisoryStatus) => {
    const identity = c.requireIdentity();
    const before = c.store.advisories.get(id);
    if (!before) throw new CoreError('not-found', 'Opgaven findes ikke længere.');
    const after = c.store.transaction(() => {
      const a = c.store.advisories.setStatus(id, status, c.nowIso(), identity.caseworker.fullName)!;
      c.audit.record({ cpr: a.cpr, action: 'advisory.work', source: 'local', purpose: 'advisory' });
      return a;
    });
    c.events.emit('inbox.changed', { open: c.store.advisories.countOpen() });
    return after;
  };
  return {
    async 'advisories.list'({ status, kind, sort, limit }) {
      return c.store.advisories.list({ ...(status ? { status } : {}), ...(kind ? { kind } : {}), sort: sort ?? 'due', limit: limit ?? 500 });
    },
    async 'advisories.take'({ id }) {
      return change(id, 'in-progress');
    },
    async 'advisories.done'({ id }) {
      return change(id, 'done');
    },
    async 'advisories.reopen'({ id }) {
      return change(id, 'open');
    },
  };
}
