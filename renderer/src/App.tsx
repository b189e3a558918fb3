// The frame every screen sits in: who the app acts as, the sandbox badge, the offline banner, the
// outbox progress bar, the main navigation, the live region and the help overlay. It loads app.info
// and the cached code lists once, follows main's events, and installs the keyboard shortcuts.
import { useEffect } from 'react';
import { TLS_REQUEST_EXPLANATION } from '../../shared/dfdgErrors';
import { call, errorText, useDfdgEvent } from './lib/bridge';
import { handleGlobalKey, handleGlobalMouse, runShortcut, useShortcut } from './lib/shortcuts';
import { useApp, type Route } from './stores/app';
import { HelpOverlay } from './components/HelpOverlay';
import { ErrorText } from './components/ErrorText';
import { SearchScreen } from './screens/SearchScreen';
import { CitizenScreen } from './screens/CitizenScreen';
import { InboxScreen } from './screens/InboxScreen';
import { OutboxScreen } from './screens/OutboxScreen';
import { SettingsScreen } from './screens/SettingsScreen';

const ORG_LABEL = { akasse: 'A-kasse', jobcenter: 'Jobcenter' } as const;

function titleFor(route: Route, inboxOpen: number | null): string {
  // Never a CPR number or a name in the window title (it shows in the task bar and in screen shares).
  switch (route.name) {
    case 'search':
      return 'Søg borger – DFDG Desk';
    case 'citizen':
      return 'Borger – DFDG Desk';
    case 'inbox':
      return `Indbakke${inboxOpen ? ` (${inboxOpen})` : ''} – DFDG Desk`;
    case 'outbox':
      return 'Udbakke – DFDG Desk';
    case 'settings':
      return 'Indstillinger – DFDG Desk';
  }
}

export function App() {
  const info = useApp((s) => s.info);
  const infoError = useApp((s) => s.infoError);
  const route = useApp((s) => s.route);
  const inboxOpen = useApp((s) => s.inboxOpen);
  const helpOpen = useApp((s) => s.helpOpen);

  useEffect(() => {
    const app = useApp.getState();
    call('app.info', {}).then(
      (info) => {
        app.setInfo(info);
        // Hub mode: the count came with the hub's status; otherwise this desktop's own open advisories.
        if (!info.hub || info.hub.state === 'unavailable') {
          call('advisories.list', { status: ['open', 'in-progress'], limit: 1 }).then(
            (r) => app.setInboxOpen(r.total),
            () => undefined,
          );
        }
      },
      (e: unknown) => app.setInfoError(errorText(e)),
    );
    call('codelists.get', {}).then(
      (r) => app.setCodeLists(r.lists),
      () => app.setCodeLists({}), // the bundled lists in shared/codelists still apply
    );
  }, []);

  useDfdgEvent('connectivity.changed', (p) => useApp.getState().setOnline(p.online, p.reason, p.cause));
  useDfdgEvent('outbox.changed', (p) => {
    const app = useApp.getState();
    app.setStatus(p.status);
    app.setOnline(p.status.online, app.offlineReason, p.status.cause);
  });
  useDfdgEvent('sync.progress', (p) => useApp.getState().setProgress(p));
  useDfdgEvent('inbox.changed', (p) => useApp.getState().setInboxOpen(p.open));
  useDfdgEvent('hub.status', (p) => useApp.getState().setHub(p.status));

  useEffect(() => {
    document.addEventListener('keydown', handleGlobalKey);
    document.addEventListener('mousedown', handleGlobalMouse);
    document.addEventListener('mouseup', handleGlobalMouse);
    return () => {
      document.removeEventListener('keydown', handleGlobalKey);
      document.removeEventListener('mousedown', handleGlobalMouse);
      document.removeEventListener('mouseup', handleGlobalMouse);
    };
  }, []);

  useShortcut('search', () => useApp.getState().focusSearch());
  useShortcut('help', () => useApp.getState().setHelpOpen(true));
  useShortcut('back', () => useApp.getState().back());
  useShortcut('forward', () => useApp.getState().forward());

  useEffect(() => {
    document.title = titleFor(route, inboxOpen);
  }, [route, inboxOpen]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Spring til indhold
      </a>
      <header className="topbar">
        <div className="brand">DFDG Desk</div>
        <Identity />
        <Nav />
      </header>
      <StatusBars />
      <ErrorText as="div" className="banner banner-error" error={infoError} prefix="Programmet kunne ikke hente sine oplysninger:" />
      {info?.mode === 'unconfigured' && route.name !== 'settings' && (
        <div className="banner banner-warn" role="note">
          DFDG Desk er ikke sat op endnu. Importér organisationens certifikat under{' '}
          <button type="button" className="link" onClick={() => useApp.getState().navigate({ name: 'settings' })}>
            Indstillinger
          </button>
          .
        </div>
      )}
      <main id="main" tabIndex={-1} className="content">
        <Screen route={route} />
      </main>
      <LiveRegion />
      {helpOpen && <HelpOverlay onClose={() => useApp.getState().setHelpOpen(false)} />}
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'search':
      return <SearchScreen />;
    case 'citizen':
      return <CitizenScreen key={route.cpr} cpr={route.cpr} tab={route.tab} {...(route.messageId ? { messageId: route.messageId } : {})} />;
    case 'inbox':
      return <InboxScreen />;
    case 'outbox':
      return <OutboxScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

function Identity() {
  const info = useApp((s) => s.info);
  if (!info) return <div className="identity" aria-busy="true">Henter identitet …</div>;
  const id = info.identity;
  return (
    <div className="identity" aria-label="Du arbejder som">
      {id ? (
        <>
          <span className="identity-org">
            {ORG_LABEL[id.organisation.type]}: <strong>{id.organisation.name}</strong> ({id.organisation.code})
          </span>
          <span className="identity-user">Sagsbehandler: {id.caseworker.fullName}</span>
        </>
      ) : (
        <span>Ingen organisation – intet certifikat er sat op</span>
      )}
      {info.mode === 'sandbox' && <SandboxBadge />}
    </div>
  );
}

function SandboxBadge() {
  return (
    <details className="sandbox">
      <summary>
        <span className="badge badge-sandbox">Sandbox</span>
      </summary>
      <div className="sandbox-guide">
        <p>
          Du arbejder mod den indbyggede DFDG-sandbox med syntetiske borgere. Intet sendes til det rigtige DFDG.
        </p>
        <p>Sådan kobler du til DFDG:</p>
        <ol>
          <li>Åbn Indstillinger.</li>
          <li>Importér organisationens systemcertifikat (PKCS#12, .p12/.pfx) med adgangskode.</li>
          <li>Angiv DFDG-adressen (og evt. adresser for de enkelte services).</li>
        </ol>
        <button type="button" onClick={() => useApp.getState().navigate({ name: 'settings' })}>
          Åbn Indstillinger
        </button>
      </div>
    </details>
  );
}

function Nav() {
  const route = useApp((s) => s.route);
  const inboxOpen = useApp((s) => s.inboxOpen);
  const status = useApp((s) => s.status);
  const navigate = useApp((s) => s.navigate);
  const canGoBack = useApp((s) => s.history.index > 0);
  const canGoForward = useApp((s) => s.history.index < s.history.entries.length - 1);
  // `pending` already counts the failed commands that wait for another attempt (SyncStatus); in hub
  // mode the team actions waiting for the hub, and those it refused that are not dismissed, count too.
  const hub = useApp((s) => s.hub);
  const outboxCount = (status ? status.pending + status.rejected : 0) + (hub ? hub.pending + hub.refused : 0);
  const item = (name: Route['name'], label: string, go: () => void) => (
    <li>
      <button type="button" aria-current={route.name === name ? 'page' : undefined} onClick={go}>
        {label}
      </button>
    </li>
  );
  return (
    <nav aria-label="Hovedmenu">
      <ul className="nav">
        {/* Through the shortcuts, so whatever holds Alt+← (a form with unsaved text) holds these too. */}
        <li>
          <button type="button" onClick={() => runShortcut('back')} disabled={!canGoBack} aria-label="Tilbage" title="Tilbage (Alt+←)" aria-keyshortcuts="Alt+ArrowLeft">
            ←
          </button>
        </li>
        <li>
          <button type="button" onClick={() => runShortcut('forward')} disabled={!canGoForward} aria-label="Frem" title="Frem (Alt+→)" aria-keyshortcuts="Alt+ArrowRight">
            →
          </button>
        </li>
        {item('search', 'Søg borger', () => useApp.getState().focusSearch())}
        {item('inbox', inboxOpen ? `Indbakke (${inboxOpen})` : 'Indbakke', () => navigate({ name: 'inbox' }))}
        {item('outbox', outboxCount ? `Udbakke (${outboxCount})` : 'Udbakke', () => navigate({ name: 'outbox' }))}
        {item('settings', 'Indstillinger', () => navigate({ name: 'settings' }))}
        <li>
          <button type="button" onClick={() => useApp.getState().setHelpOpen(true)} aria-label="Genveje (?)">
            ?
          </button>
        </li>
      </ul>
    </nav>
  );
}

/** The banner while the secure connection to DFDG is refused over a certificate (connectivity cause 'tls'). */
const TLS_BANNER = `${TLS_REQUEST_EXPLANATION.title} ${TLS_REQUEST_EXPLANATION.advice} Beskeder og registreringer venter i udbakken og sendes, når forbindelsen virker.`;

function StatusBars() {
  const online = useApp((s) => s.online);
  const cause = useApp((s) => s.offlineCause);
  const progress = useApp((s) => s.progress);
  const status = useApp((s) => s.status);
  const teamRefused = useApp((s) => s.hub?.refused ?? 0);
  return (
    <div className="statusbars">
      {!online && cause === 'tls' && (
        <div className="banner banner-error" role="status">
          {TLS_BANNER}{' '}
          <button type="button" className="link" onClick={() => useApp.getState().navigate({ name: 'settings' })}>
            Åbn Indstillinger
          </button>
        </div>
      )}
      {!online && cause !== 'tls' && (
        <div className="banner banner-offline" role="status">
          Du arbejder offline. Beskeder og registreringer sendes, når forbindelsen er tilbage.
        </div>
      )}
      {progress && (
        <div className="syncbar">
          <label htmlFor="sync-progress">
            Sender udbakke: {progress.done} af {progress.total}
          </label>
          <progress id="sync-progress" value={progress.done} max={progress.total} />
        </div>
      )}
      {!progress && status && status.rejected > 0 && (
        <div className="banner banner-warn" role="note">
          {status.rejected === 1 ? '1 registrering' : `${status.rejected} registreringer`} er afvist af DFDG og skal rettes.{' '}
          <button type="button" className="link" onClick={() => useApp.getState().navigate({ name: 'outbox' })}>
            Åbn udbakken
          </button>
        </div>
      )}
      {teamRefused > 0 && (
        <div className="banner banner-warn" role="note">
          {teamRefused === 1 ? 'Én handling på teamets opgaver er afvist af hubben' : `${teamRefused} handlinger på teamets opgaver er afvist af hubben`} (en kollega var først).{' '}
          <button type="button" className="link" onClick={() => useApp.getState().navigate({ name: 'outbox' })}>
            Åbn udbakken
          </button>
        </div>
      )}
    </div>
  );
}

function LiveRegion() {
  const announcement = useApp((s) => s.announcement);
  // The text stays long enough to read, then the visible toast goes (the live region stays).
  useEffect(() => {
    if (!announcement.text) return;
    const t = setTimeout(() => useApp.getState().clearAnnouncement(announcement.seq), 8000);
    return () => clearTimeout(t);
  }, [announcement]);
  return (
    <div className="statusline" role="status" aria-live="polite" aria-atomic="true" aria-label="Statusbesked">
      <span key={announcement.seq}>{announcement.text}</span>
    </div>
  );
}
