// Settings: who the app acts as (from the certificate), certificate import (PKCS#12 + passphrase;
// main keeps them with the OS key store), the DFDG endpoints (empty = the bundled sandbox), the proxy
// to DFDG (the system's, none, or one given), the local cache retention and staleness, caseworker
// name and e-mail. "Lokale data" shows when the retention purge last ran and the citizens it holds
// back because of a draft, an unsent command or an open advisory, so the caseworker can finish or
// discard that work.
import { useState } from 'react';
import type { ChannelRequest, ChannelResponse, Settings } from '../../../shared/ipc';
import { DFDG_SERVICES as SERVICES, RETENTION_DAYS, SANDBOX_ORGANISATION_IDS, STALE_AFTER_MINUTES, sandboxOrganisationLabel, type SandboxOrganisation as SandboxOrg } from '../../../shared/constants';
import { formatCpr } from '../../../shared/cpr';
import { formatDate, formatDateTime } from '../../../shared/dates';
import { call, ipcError } from '../lib/bridge';
import { useAction } from '../lib/useAction';
import { useAsync } from '../lib/useAsync';
import { useApp } from '../stores/app';
import { ErrorText } from '../components/ErrorText';

type ProxyMode = Settings['proxy']['mode'];
const PROXY_CHOICES: { mode: ProxyMode; label: string }[] = [
  { mode: 'system', label: 'Brug styresystemets proxy-indstilling (også automatisk konfiguration)' },
  { mode: 'none', label: 'Ingen proxy (direkte forbindelse)' },
  { mode: 'manual', label: 'Brug denne proxy' },
];

export function SettingsScreen() {
  const settings = useAsync(() => call('settings.get', {}), []);
  return (
    <section className="screen settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Indstillinger</h1>
      <IdentityPanel />
      <CertificateImport secretStorage={settings.data?.secretStorage ?? null} />
      <ErrorText error={settings.error} />
      {settings.data && <HubPanel settings={settings.data} onSaved={(s) => settings.setData(() => s)} />}
      {settings.data && <SettingsForm initial={settings.data} onSaved={(s) => settings.setData(() => s)} />}
      <LocalData />
    </section>
  );
}

type RetentionStatus = ChannelResponse<'retention.status'>;
type Held = RetentionStatus['held'][number];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
/** "a", "a og b", "a, b og c". */
const listText = (parts: string[]) => (parts.length > 1 ? `${parts.slice(0, -1).join(', ')} og ${parts.at(-1)}` : (parts[0] ?? ''));

function LocalData() {
  const status = useAsync(() => call('retention.status', {}), []);
  const navigate = useApp((s) => s.navigate);
  const announce = useApp((s) => s.announce);
  const [confirming, setConfirming] = useState<string | null>(null);

  const purge = useAction(async () => {
    const s = await call('retention.purge', {});
    status.setData(() => s);
    announce(s.lastPurged ? `Oprydningen er kørt: ${plural(s.lastPurged, 'borger', 'borgere')} fjernet.` : 'Oprydningen er kørt. Ingen borgere skulle fjernes.');
  });

  const deleteDraft = useAction(async (id: string) => {
    await call('drafts.delete', { id });
    setConfirming(null);
    announce('Kladden er slettet.');
    status.reload();
  });

  const s = status.data;
  return (
    <section aria-labelledby="local-data-title" className="panel">
      <h2 id="local-data-title">Lokale data</h2>
      <ErrorText error={status.error} />
      {s && (
        <>
          <p>
            Oplysninger om en borger gemmes krypteret på computeren i {plural(s.retentionDays, 'dag', 'dage')} efter sidste opslag, og kun så længe jeres organisation har adgang til borgeren.
            Oprydningen kører, når programmet starter, og derefter hver dag.
          </p>
          <p>
            {s.lastRunAt
              ? `Seneste oprydning: ${formatDateTime(s.lastRunAt)}${s.lastPurged !== null ? ` – ${plural(s.lastPurged, 'borger', 'borgere')} fjernet` : ''}.`
              : 'Oprydningen har ikke kørt endnu.'}
          </p>
          <AuditLogStatus log={s.auditLog} />
          {s.held.length === 0 ? (
            <p>Ingen borgere holdes tilbage.</p>
          ) : (
            <>
              <h3 id="held-title">Holdes tilbage ({s.held.length})</h3>
              <p className="hint">
                Disse borgeres oplysninger skulle være slettet, men bevares, fordi der er en kladde, en registrering, der ikke er sendt, eller en åben advis. Send eller slet arbejdet, og afslut advis'erne, så fjernes de ved næste oprydning.
              </p>
              <ul className="plain held-list" aria-labelledby="held-title">
                {s.held.map((h) => (
                  <HeldCitizen
                    key={h.cpr}
                    held={h}
                    confirming={confirming}
                    onConfirm={setConfirming}
                    onDelete={(id) => void deleteDraft.run(id)}
                    onOpen={() => navigate({ name: 'citizen', cpr: h.cpr, tab: 'dialog' })}
                    onOutbox={() => navigate({ name: 'outbox' })}
                    onInbox={() => navigate({ name: 'inbox' })}
                  />
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <ErrorText error={deleteDraft.error} />
      <ErrorText error={purge.error} />
      <button type="button" onClick={() => void purge.run()} disabled={purge.pending || !s}>
        {purge.pending ? 'Rydder op …' : 'Ryd op nu'}
      </button>
    </section>
  );
}

/**
 * The access log's hash chain as main last checked it (at start, and with every export). A broken chain
 * is an alert: an entry was changed, removed or added outside DFDG Desk.
 */
function AuditLogStatus({ log }: { log: RetentionStatus['auditLog'] }) {
  const kept = `Adgangsloggen gemmes i ${plural(log.retentionYears, 'år', 'år')} (antaget: ingen regel fastsætter perioden), og hver post kædes sammen med den forrige, så en ændring kan ses.`;
  return (
    <div className="audit-log-status">
      <p>{kept}</p>
      {log.state === 'checking' && <p>Adgangsloggen kontrolleres …</p>}
      {log.state === 'intact' && (
        <p>
          Adgangsloggen er kontrolleret{log.checkedAt ? ` ${formatDateTime(log.checkedAt)}` : ''}: kæden er intakt ({plural(log.entries, 'post', 'poster')}).
        </p>
      )}
      {log.state === 'broken' && (
        <div role="alert" className="banner banner-error">
          <p>
            <strong>Adgangsloggens kæde er brudt.</strong> {log.problem}
          </p>
          <p>Loggen kan være ændret uden om DFDG Desk. Kontakt jeres it-sikkerhedsansvarlige, før loggen udleveres.</p>
        </div>
      )}
    </div>
  );
}

function HeldCitizen({
  held,
  confirming,
  onConfirm,
  onDelete,
  onOpen,
  onOutbox,
  onInbox,
}: {
  held: Held;
  confirming: string | null;
  onConfirm: (id: string | null) => void;
  onDelete: (id: string) => void;
  onOpen: () => void;
  onOutbox: () => void;
  onInbox: () => void;
}) {
  const what = [
    held.drafts.length ? plural(held.drafts.length, 'kladde', 'kladder') : null,
    held.unsentCommands ? plural(held.unsentCommands, 'registrering, der ikke er sendt', 'registreringer, der ikke er sendt') : null,
    held.openAdvisories ? plural(held.openAdvisories, 'åben advis', "åbne advis'er") : null,
  ].filter(Boolean);
  return (
    <li className="held">
      <p>
        <strong>{held.name ?? 'Ukendt navn'}</strong> ({formatCpr(held.cpr)}): {held.text}
      </p>
      <p className="hint">Holdes tilbage af {listText(what as string[])}.</p>
      {held.drafts.length > 0 && (
        <ul className="plain">
          {held.drafts.map((d) => (
            <li key={d.id}>
              Kladde »{d.subject.trim() || 'uden overskrift'}«, gemt {formatDateTime(d.updatedAt)}{' '}
              {confirming === d.id ? (
                <>
                  <button type="button" className="danger" onClick={() => onDelete(d.id)}>
                    Ja, slet kladden
                  </button>{' '}
                  <button type="button" onClick={() => onConfirm(null)}>
                    Fortryd
                  </button>
                </>
              ) : (
                <button type="button" onClick={() => onConfirm(d.id)} aria-label={`Slet kladden »${d.subject.trim() || 'uden overskrift'}«`}>
                  Slet kladden
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        {held.reason !== 'no-access' && (
          <button type="button" onClick={onOpen}>
            Åbn borgeren
          </button>
        )}
        {held.unsentCommands > 0 && (
          <button type="button" onClick={onOutbox}>
            Åbn udbakken
          </button>
        )}
        {held.openAdvisories > 0 && (
          <button type="button" onClick={onInbox}>
            Åbn indbakken
          </button>
        )}
      </div>
    </li>
  );
}

function IdentityPanel() {
  const info = useApp((s) => s.info);
  const id = info?.identity;
  return (
    <section aria-labelledby="identity-title" className="panel">
      <h2 id="identity-title">Identitet fra certifikatet</h2>
      {info?.mode === 'sandbox' && (
        <p className="banner banner-warn" role="note">
          Sandbox: Programmet bruger den indbyggede DFDG-sandbox{info.sandboxUrl ? ` (${info.sandboxUrl})` : ''} med syntetiske borgere. Importér et rigtigt certifikat og angiv DFDG-adressen nedenfor for at arbejde mod DFDG.
        </p>
      )}
      {id ? (
        <dl className="facts">
          <div>
            <dt>Organisation</dt>
            <dd>
              {id.organisation.type === 'akasse' ? 'A-kasse' : 'Jobcenter'} {id.organisation.name} ({id.organisation.code})
            </dd>
          </div>
          <div>
            <dt>Sagsbehandler</dt>
            <dd>{id.caseworker.fullName}</dd>
          </div>
          <div>
            <dt>RID</dt>
            <dd className="mono">{id.caseworker.userIdentifier}</dd>
          </div>
          <div>
            <dt>Certifikat</dt>
            <dd>{id.certificate.subject}</dd>
          </div>
          <div>
            <dt>Udstedt af</dt>
            <dd>{id.certificate.issuer}</dd>
          </div>
          <div>
            <dt>Gyldigt</dt>
            <dd>
              {formatDate(id.certificate.validFrom)} – {formatDate(id.certificate.validTo)}
            </dd>
          </div>
        </dl>
      ) : (
        <p>Der er intet certifikat. Importér organisationens certifikat herunder.</p>
      )}
    </section>
  );
}

/** What protects the certificate and its passphrase at rest, as Settings reports it (never claimed beyond that). */
const STORED_AS: Record<Settings['secretStorage'], string> = {
  os: 'Certifikat og adgangskode gemmes krypteret med styresystemets nøglering.',
  file: 'Certifikat og adgangskode gemmes krypteret med en nøglefil, som kun din brugerkonto kan læse (ikke styresystemets nøglering).',
  basic_text: 'Certifikat og adgangskode gemmes kun sløret, fordi styresystemet ingen nøglering har.',
  test: 'Certifikat og adgangskode gemmes krypteret.',
};

function CertificateImport({ secretStorage }: { secretStorage: Settings['secretStorage'] | null }) {
  const [p12, setP12] = useState<File | null>(null);
  const [ca, setCa] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const importIt = useAction(async (file: File) => {
    setDone(null);
    const request: ChannelRequest<'settings.importCertificate'> = { p12: new Uint8Array(await file.arrayBuffer()), passphrase };
    if (ca) request.ca = new Uint8Array(await ca.arrayBuffer());
    const r = await call('settings.importCertificate', request);
    setPassphrase('');
    setDone(`Certifikatet er importeret. Du arbejder nu som ${r.identity.caseworker.fullName}, ${r.identity.organisation.name} (${r.identity.organisation.code}).`);
    const info = await call('app.info', {});
    useApp.getState().setInfo(info);
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setMissing(p12 ? null : 'Vælg certifikatfilen (.p12 eller .pfx).');
    if (p12) void importIt.run(p12);
    else importIt.reset();
  };

  return (
    <section aria-labelledby="cert-title" className="panel">
      <h2 id="cert-title">Certifikat</h2>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="cert-file">Organisationens certifikat (PKCS#12, .p12 eller .pfx)</label>
          <input id="cert-file" type="file" accept=".p12,.pfx,application/x-pkcs12" onChange={(e) => setP12(e.target.files?.[0] ?? null)} />
        </div>
        <div className="field">
          <label htmlFor="cert-pass">Adgangskode til certifikatet</label>
          <input id="cert-pass" type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="cert-ca">DFDG's CA-certifikat (valgfrit, .pem, .crt eller .cer)</label>
          <input id="cert-ca" type="file" accept=".pem,.crt,.cer" onChange={(e) => setCa(e.target.files?.[0] ?? null)} />
        </div>
        {secretStorage && <p className="hint">{STORED_AS[secretStorage]}</p>}
        <ErrorText error={missing ?? importIt.error} />
        {done && (
          <p className="success" role="status">
            {done}
          </p>
        )}
        <button type="submit" disabled={importIt.pending}>
          {importIt.pending ? 'Importerer …' : 'Importér certifikat'}
        </button>
      </form>
    </section>
  );
}

/** How the desktop stands with the hub right now (from main's hub.status), in a sentence. */
function hubStateText(hub: NonNullable<ReturnType<typeof useApp.getState>['hub']>): string {
  if (hub.state === 'online') return `Forbundet${hub.organisation ? ` til ${hub.organisation}` : ''}${hub.me ? ` som ${hub.me.name}` : ''}.`;
  if (hub.state === 'connecting') return 'Forbinder til hubben …';
  return hub.reason ?? 'Hubben kan ikke nås.';
}

/**
 * Indstillinger → Organisationens hub: its address and the caseworker's own certificate (issued by the
 * organisation; kept encrypted like the organisation's). With a hub, DFDG's notifications come from it
 * only, and the Indbakke is the team queue.
 */
function HubPanel({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const hub = useApp((s) => s.hub);
  const announce = useApp((s) => s.announce);
  const [url, setUrl] = useState(settings.hub?.url ?? '');
  const [p12, setP12] = useState<File | null>(null);
  const [ca, setCa] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [missing, setMissing] = useState<string | null>(null);

  const connect = useAction(async () => {
    const request: ChannelRequest<'settings.setHub'> = { url: url.trim() };
    if (p12) {
      request.p12 = new Uint8Array(await p12.arrayBuffer());
      request.passphrase = passphrase;
    }
    if (ca) request.ca = new Uint8Array(await ca.arrayBuffer());
    const saved = await call('settings.setHub', request);
    setPassphrase('');
    onSaved(saved);
    announce(`Hubben er sat op. Du arbejder i hubben som ${saved.hub?.caseworker ?? 'dig selv'}.`);
    call('app.info', {}).then((i) => useApp.getState().setInfo(i), () => undefined);
  });
  const remove = useAction(async () => {
    const saved = await call('settings.setHub', { url: null });
    setUrl('');
    onSaved(saved);
    announce('Hubben er fjernet fra indstillingerne.');
    call('app.info', {}).then((i) => useApp.getState().setInfo(i), () => undefined);
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const problem = !url.trim()
      ? 'Skriv hubbens adresse (https://…).'
      : !p12 && !settings.hub
        ? 'Vælg dit personlige certifikat (.p12 eller .pfx).'
        : p12 && !passphrase
          ? 'Skriv adgangskoden til dit personlige certifikat.'
          : null;
    setMissing(problem);
    if (problem) connect.reset();
    else void connect.run();
  };

  return (
    <section aria-labelledby="hub-title" className="panel">
      <h2 id="hub-title">Organisationens hub</h2>
      <p className="hint">
        Hubben er organisationens fælles indgang til DFDG's notifikationer: den henter dem én gang for alle og fordeler opgaverne i teamets indbakke. Med en hub henter DFDG Desk ikke selv
        notifikationerne; beskeder, fravær og plan går stadig direkte til DFDG.
      </p>
      {hub && (
        <p role="status" className={hub.state === 'online' ? 'success' : 'hint'}>
          {hub.source === 'sandbox' ? `Sandboxens egen hub${hub.url ? ` (${hub.url})` : ''}: ` : `Hubben${hub.url ? ` (${hub.url})` : ''}: `}
          {hubStateText(hub)}
        </p>
      )}
      {settings.hub && (
        <dl className="facts">
          <div>
            <dt>Adresse</dt>
            <dd>{settings.hub.url}</dd>
          </div>
          <div>
            <dt>Dit certifikat</dt>
            <dd>
              {settings.hub.caseworker}, {settings.hub.organisation} (gyldigt til {formatDate(settings.hub.certificate.validTo)})
            </dd>
          </div>
        </dl>
      )}
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="hub-url">Hubbens adresse</label>
          <input id="hub-url" type="url" inputMode="url" placeholder="https://hub.eksempel.dk:8444" value={url} onChange={(e) => setUrl(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="hub-cert">Dit personlige certifikat (PKCS#12, .p12 eller .pfx){settings.hub ? ' – kun hvis det skal skiftes' : ''}</label>
          <input id="hub-cert" type="file" accept=".p12,.pfx,application/x-pkcs12" onChange={(e) => setP12(e.target.files?.[0] ?? null)} />
        </div>
        <div className="field">
          <label htmlFor="hub-pass">Adgangskode til dit personlige certifikat</label>
          <input id="hub-pass" type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="hub-ca">Hubbens CA-certifikat (valgfrit, .pem, .crt eller .cer)</label>
          <input id="hub-ca" type="file" accept=".pem,.crt,.cer" onChange={(e) => setCa(e.target.files?.[0] ?? null)} />
        </div>
        <ErrorText error={missing ?? connect.error ?? remove.error} />
        <div className="actions">
          <button type="submit" disabled={connect.pending}>
            {connect.pending ? 'Forbinder …' : 'Forbind til hubben'}
          </button>
          {settings.hub && (
            <button type="button" onClick={() => void remove.run()} disabled={remove.pending}>
              Fjern hubben
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

function SettingsForm({ initial, onSaved }: { initial: Settings; onSaved: (s: Settings) => void }) {
  const announce = useApp((s) => s.announce);
  const [baseUrl, setBaseUrl] = useState(initial.dfdgBaseUrl ?? '');
  const [services, setServices] = useState<Record<string, { url: string; namespace: string }>>(() =>
    Object.fromEntries(SERVICES.map((s) => [s, { url: initial.services[s]?.url ?? '', namespace: initial.services[s]?.namespace ?? '' }])),
  );
  const [name, setName] = useState(initial.caseworkerName ?? '');
  const [email, setEmail] = useState(initial.caseworkerEmail ?? '');
  const [retention, setRetention] = useState(String(initial.retentionDays));
  const [stale, setStale] = useState(String(initial.staleAfterMinutes));
  const [sandboxOrg, setSandboxOrg] = useState<SandboxOrg>(initial.sandboxOrganisation);
  const [proxyMode, setProxyMode] = useState<ProxyMode>(initial.proxy.mode);
  const [proxyUrl, setProxyUrl] = useState(initial.proxy.url ?? '');
  const [problems, setProblems] = useState<string | null>(null);

  const save = useAction(async (retentionDays: number, staleAfterMinutes: number) => {
    const svc: Record<string, { url: string; namespace?: string }> = {};
    for (const [k, v] of Object.entries(services)) {
      if (v.url.trim()) svc[k] = v.namespace.trim() ? { url: v.url.trim(), namespace: v.namespace.trim() } : { url: v.url.trim() };
    }
    const request: ChannelRequest<'settings.save'> = {
      dfdgBaseUrl: baseUrl.trim() || null,
      services: svc,
      caseworkerName: name.trim() || null,
      caseworkerEmail: email.trim() || null,
      retentionDays,
      staleAfterMinutes,
      proxy: { mode: proxyMode, url: proxyMode === 'manual' ? proxyUrl.trim() || null : null },
    };
    // Only when it changes: switching makes the app reconnect as the other organisation.
    if (sandboxOrg !== initial.sandboxOrganisation) request.sandboxOrganisation = sandboxOrg;
    const saved = await call('settings.save', request);
    onSaved(saved);
    announce('Indstillingerne er gemt.');
    call('app.info', {}).then((i) => useApp.getState().setInfo(i), () => undefined);
  });
  const issues = ipcError(save.error)?.issues ?? [];

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const retentionDays = Number(retention);
    const staleAfterMinutes = Number(stale);
    const found: string[] = [];
    const within = (n: number, r: { min: number; max: number }) => Number.isInteger(n) && n >= r.min && n <= r.max;
    if (!within(retentionDays, RETENTION_DAYS)) found.push(`Opbevaringstiden skal være mellem ${RETENTION_DAYS.min} og ${RETENTION_DAYS.max} dage.`);
    if (!within(staleAfterMinutes, STALE_AFTER_MINUTES)) found.push(`Data regnes for forældede efter ${STALE_AFTER_MINUTES.min} til ${STALE_AFTER_MINUTES.max} minutter.`);
    setProblems(found.length ? found.join(' ') : null);
    if (found.length) save.reset();
    else void save.run(retentionDays, staleAfterMinutes);
  };

  return (
    <form onSubmit={submit} className="panel" aria-labelledby="conn-title">
      <h2 id="conn-title">Forbindelse og program</h2>
      {initial.secretStorage === 'basic_text' && (
        <p className="banner banner-warn" role="note">
          Styresystemet har ingen nøglering. Nøglen til de lokale borgerdata og certifikatets adgangskode er kun sløret, ikke krypteret.{' '}
          {initial.allowObfuscatedKeyStorage ? 'Det har en administrator tilladt på denne computer (allowObfuscatedKeyStorage). ' : ''}
          Installér en nøglering (fx GNOME Keyring) for at beskytte dem.
        </p>
      )}
      {initial.secretStorage === 'file' && (
        <p className="banner banner-info" role="note">
          Nøglen er beskyttet af filrettigheder, ikke af styresystemets nøglering. Databasens nøgle og certifikatets adgangskode er krypteret med en nøglefil, som kun din brugerkonto kan læse.
        </p>
      )}
      <div className="field">
        <label htmlFor="set-base">DFDG-adresse</label>
        <input id="set-base" type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder="https://…" aria-describedby="set-base-hint" />
        <span id="set-base-hint" className="hint">
          Tom: den indbyggede sandbox bruges.
        </span>
      </div>
      {baseUrl.trim() === '' && (
        <div className="field">
          <label htmlFor="set-sandbox-org">Sandboxen arbejder som</label>
          <select id="set-sandbox-org" value={sandboxOrg} onChange={(e) => setSandboxOrg(e.target.value as SandboxOrg)} aria-describedby="set-sandbox-org-hint">
            {SANDBOX_ORGANISATION_IDS.map((id) => (
              <option key={id} value={id}>
                {sandboxOrganisationLabel(id)}
              </option>
            ))}
          </select>
          <span id="set-sandbox-org-hint" className="hint">
            Prøv programmet som a-kasse eller jobcenter. Programmet forbinder igen, når du gemmer.
          </span>
        </div>
      )}
      <fieldset aria-describedby="set-proxy-hint">
        <legend>Proxy til DFDG</legend>
        {PROXY_CHOICES.map((c) => (
          <label key={c.mode} className="radio">
            <input type="radio" name="set-proxy" value={c.mode} checked={proxyMode === c.mode} onChange={() => setProxyMode(c.mode)} />
            {c.label}
          </label>
        ))}
        {proxyMode === 'manual' && (
          <div className="field">
            <label htmlFor="set-proxy-url">Proxy-adresse</label>
            <input id="set-proxy-url" type="url" value={proxyUrl} onChange={(e) => setProxyUrl(e.target.value)} placeholder="http://proxy.kommune.dk:8080" />
          </div>
        )}
        <span id="set-proxy-hint" className="hint">
          Gælder forbindelsen til DFDG. Den indbyggede sandbox bruges altid uden proxy.
        </span>
      </fieldset>
      <details>
        <summary>Adresser for de enkelte services</summary>
        <table className="services">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Adresse</th>
              <th scope="col">Navnerum (SOAP)</th>
            </tr>
          </thead>
          <tbody>
            {SERVICES.map((s) => (
              <tr key={s}>
                <th scope="row">{s}</th>
                <td>
                  <input
                    type="url"
                    aria-label={`Adresse for ${s}`}
                    value={services[s]!.url}
                    onChange={(e) => setServices((p) => ({ ...p, [s]: { ...p[s]!, url: e.target.value } }))}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    aria-label={`Navnerum for ${s}`}
                    value={services[s]!.namespace}
                    onChange={(e) => setServices((p) => ({ ...p, [s]: { ...p[s]!, namespace: e.target.value } }))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <div className="field-row">
        <div className="field">
          <label htmlFor="set-name">Dit navn (sendes som afsender)</label>
          <input id="set-name" type="text" maxLength={140} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="set-email">Din e-mail</label>
          <input id="set-email" type="email" maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="set-retention">Gem borgerdata lokalt i (dage)</label>
          <input id="set-retention" type="number" min={RETENTION_DAYS.min} max={RETENTION_DAYS.max} value={retention} onChange={(e) => setRetention(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="set-stale">Data er forældede efter (minutter)</label>
          <input id="set-stale" type="number" min={STALE_AFTER_MINUTES.min} max={STALE_AFTER_MINUTES.max} value={stale} onChange={(e) => setStale(e.target.value)} />
        </div>
      </div>
      <ErrorText error={problems ?? save.error}>
        {!problems && issues.length > 0 && (
          <ul>
            {issues.map((i) => (
              <li key={i.path}>{i.message}</li>
            ))}
          </ul>
        )}
      </ErrorText>
      <button type="submit" className="primary" disabled={save.pending}>
        Gem indstillinger
      </button>
    </form>
  );
}
