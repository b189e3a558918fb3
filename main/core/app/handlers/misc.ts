import { codeListNames, getCodeList } from '../../../../shared/codelists';
import { DEFAULT_SANDBOX_ORGANISATION } from '../../../../shared/constants';
import type { CodeListItem } from '../../../../shared/domain';
import type { IpcHandlers, Settings } from '../../../../shared/ipc';
import { CoreError } from '../../errors';
import type { CoreContext } from '../context';

const CODE_LIST_MAX_AGE_MS = 24 * 3_600_000;

/** Fetches every code list from CodeListService (lists DFDG does not serve are skipped). */
export async function refreshCodeLists(c: CoreContext): Promise<number> {
  let n = 0;
  for (const name of codeListNames) {
    try {
      const items = await c.dfdg((cl, ctx) => cl.codeList.getCodeList({ ...ctx, userType: 3 }, name));
      if (items.length) {
        c.store.codeLists.put(name, items, c.nowIso());
        n++;
      }
    } catch {
      // unknown list (1014) or DFDG unreachable: the bundled list stays in use
    }
  }
  c.codeListCache = null;
  return n;
}

export function defaultSettings(c: CoreContext): Settings {
  return {
    dfdgBaseUrl: null,
    services: {},
    certificate: null,
    hasCa: false,
    caseworkerName: null,
    caseworkerEmail: null,
    retentionDays: c.retentionDays(),
    staleAfterMinutes: Math.round(c.staleMs() / 60_000),
    secretStorage: 'test',
    sandboxOrganisation: DEFAULT_SANDBOX_ORGANISATION,
    proxy: { mode: 'system', url: null },
    allowObfuscatedKeyStorage: false,
    hub: null,
  };
}

export function miscHandlers(
  c: CoreContext,
  hooks: { refreshCodeListsInBackground: () => void },
): Pick<IpcHandlers, 'app.info' | 'settings.get' | 'settings.save' | 'settings.importCertificate' | 'settings.setHub' | 'codelists.get' | 'audit.list' | 'audit.export'> {
  return {
    async 'app.info'() {
      return {
        version: c.opts.version,
        mode: c.state.mode,
        sandboxUrl: c.state.sandboxUrl,
        identity: c.state.identity,
        today: c.today(),
        status: c.syncStatus(),
        hub: c.hubStatus(),
      };
    },

    async 'settings.get'() {
      return c.settings ? c.settings.get() : defaultSettings(c);
    },

    async 'settings.save'(patch) {
      if (!c.settings) throw new CoreError('not-configured', 'Indstillingerne kan ikke gemmes i denne tilstand.');
      // Resolves once the shell has applied the change (main/runtime.ts: the one owner of reconfiguration).
      return c.settings.save(patch);
    },

    async 'settings.importCertificate'({ p12, passphrase, ca }) {
      if (!c.settings) throw new CoreError('not-configured', 'Certifikater kan ikke importeres i denne tilstand.');
      return { identity: await c.settings.importCertificate(p12, passphrase, ca) };
    },

    async 'settings.setHub'({ url, p12, passphrase, ca }) {
      if (!c.settings) throw new CoreError('not-configured', 'Hubben kan ikke sættes op i denne tilstand.');
      // Resolves once the shell has connected the core to the hub (or let go of it).
      return c.settings.setHub(url, { ...(p12 ? { p12 } : {}), ...(passphrase !== undefined ? { passphrase } : {}), ...(ca ? { ca } : {}) });
    },

    async 'codelists.get'() {
      const stored = new Map(c.store.codeLists.all().map((l) => [l.name, l.fetchedAt]));
      const overrides = c.codeLists();
      const lists: Record<string, CodeListItem[]> = {};
      const fetchedAt: Record<string, string | null> = {};
      let stale = false;
      for (const name of codeListNames) {
        lists[name] = [...getCodeList(name, overrides)];
        const at = stored.get(name) ?? null;
        fetchedAt[name] = at;
        if (!at || c.now().getTime() - Date.parse(at) > CODE_LIST_MAX_AGE_MS) stale = true;
      }
      if (stale && c.canReachDfdg()) hooks.refreshCodeListsInBackground();
      return { lists, fetchedAt };
    },

    async 'audit.list'({ cpr, limit }) {
      return { entries: c.audit.list(cpr, limit ?? 200) };
    },

    async 'audit.export'({ cpr }) {
      c.requireIdentity();
      c.audit.record({ cpr, action: 'audit.export', source: 'local', purpose: 'audit' });
      return await c.audit.exportCsv(cpr);
    },
  };
}
