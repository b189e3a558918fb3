// The citizen page: who the citizen is, how fresh the data is, and the tabs Dialog, Fravær, Min plan,
// Møder and Joblog. Opening it is an audited lookup (purpose 'citizen-page'). Ctrl+N opens the composer.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatCpr } from '../../../shared/cpr';
import type { MessageDraft } from '../../../shared/domain';
import { formatDate } from '../../../shared/dates';
import { call, useDfdgEvent } from '../lib/bridge';
import { useCodes } from '../lib/codes';
import { useShortcut } from '../lib/shortcuts';
import { useAction } from '../lib/useAction';
import { useAsync } from '../lib/useAsync';
import { useApp, type CitizenTab } from '../stores/app';
import { ErrorText } from '../components/ErrorText';
import { Tabs } from '../components/Tabs';
import { CitizenContext, type CitizenCtx, type ComposeRequest } from './citizen/context';
import { DialogTab } from './citizen/DialogTab';
import { AbsenceTab } from './citizen/AbsenceTab';
import { PlanTab } from './citizen/PlanTab';
import { MeetingsTab } from './citizen/MeetingsTab';
import { JoblogTab } from './citizen/JoblogTab';
import { Freshness } from './citizen/Freshness';

const TABS: { key: CitizenTab; label: string }[] = [
  { key: 'dialog', label: 'Dialog' },
  { key: 'fravaer', label: 'Fravær' },
  { key: 'plan', label: 'Min plan' },
  { key: 'moeder', label: 'Møder' },
  { key: 'joblog', label: 'Joblog' },
];

export function CitizenScreen({ cpr, tab, messageId }: { cpr: string; tab: CitizenTab; messageId?: string }) {
  const navigate = useApp((s) => s.navigate);
  const announce = useApp((s) => s.announce);
  const codes = useCodes();
  const [version, setVersion] = useState(0);
  const [composeDraftId, setComposeDraftId] = useState<string | null>(null);
  const [createdDraft, setCreatedDraft] = useState<MessageDraft | null>(null);
  const overview = useAsync(() => call('citizens.open', { cpr, purpose: 'citizen-page' }), [cpr]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const reloadOverview = overview.reload;

  useDfdgEvent('citizen.updated', (p) => {
    if (p.cpr !== cpr) return;
    overview.reload();
    setVersion((v) => v + 1);
  });

  const loaded = overview.data !== null;
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded]);

  const selectTab = useCallback((t: CitizenTab) => navigate({ name: 'citizen', cpr, tab: t }), [navigate, cpr]);

  const compose = useAction(async (req: ComposeRequest) => {
    const request: { cpr: string; contextType?: number; replyTo?: string | null; templateId?: string } = { cpr };
    if (req.contextType !== undefined) request.contextType = req.contextType;
    if (req.replyTo !== undefined) request.replyTo = req.replyTo;
    if (req.templateId !== undefined) request.templateId = req.templateId;
    const d = await call('drafts.create', request);
    setCreatedDraft(d);
    setComposeDraftId(d.id);
  });
  const startCompose = compose.run;
  const openComposer = useCallback(
    (req: ComposeRequest = {}) => {
      navigate({ name: 'citizen', cpr, tab: 'dialog' });
      void startCompose(req);
    },
    [cpr, navigate, startCompose],
  );

  const citizen = overview.data?.citizen ?? null;
  useShortcut('newMessage', () => openComposer(), { enabled: citizen !== null && composeDraftId === null });

  const ctx = useMemo<CitizenCtx | null>(
    () =>
      citizen && {
        cpr,
        citizen,
        version,
        focusMessageId: messageId ?? null,
        composeDraftId,
        createdDraft: createdDraft?.id === composeDraftId ? createdDraft : null,
        openComposer,
        resumeDraft: (id) => {
          navigate({ name: 'citizen', cpr, tab: 'dialog' });
          setComposeDraftId(id);
        },
        closeComposer: () => setComposeDraftId(null),
        changed: reloadOverview,
      },
    [citizen, cpr, version, messageId, composeDraftId, createdDraft, openComposer, navigate, reloadOverview],
  );

  const refresh = useAction(async () => {
    const o = await call('citizens.refresh', { cpr });
    overview.setData(() => o);
    setVersion((v) => v + 1);
    announce('Borgerens oplysninger er opdateret fra DFDG');
  });

  if (overview.error && !overview.data) {
    return (
      <section className="screen" aria-labelledby="citizen-error-title">
        <h1 id="citizen-error-title">Borgeren kan ikke vises</h1>
        <ErrorText error={overview.error} />
        <button type="button" onClick={() => useApp.getState().focusSearch()}>
          Tilbage til søgning
        </button>
      </section>
    );
  }
  if (!overview.data || !ctx || !citizen) {
    return (
      <section className="screen" aria-busy="true">
        <h1>Borger</h1>
        <p>Henter borgerens oplysninger …</p>
      </section>
    );
  }

  const { freshness, access, counts } = overview.data;
  const denied = access.filter((f) => f.severity === 'error');
  return (
    <CitizenContext.Provider value={ctx}>
      <section className="screen citizen" aria-labelledby="citizen-name">
        <div className="citizen-head">
          <h1 id="citizen-name" ref={headingRef} tabIndex={-1}>
            {citizen.name}
          </h1>
          <div className="citizen-facts">
            <dl className="facts">
              <div>
                <dt>CPR-nummer</dt>
                <dd>{formatCpr(citizen.cpr)}</dd>
              </div>
              <div>
                <dt>Kontaktgruppe</dt>
                <dd>{codes.contactGroup(citizen.contactGroup)}</dd>
              </div>
              <div>
                <dt>Tilmeldingskategori</dt>
                <dd>{citizen.registrationCategory != null ? codes.label('RegistrationCategoryTypeIdentifier', citizen.registrationCategory, 'Kategori') : 'Ingen'}</dd>
              </div>
              <div>
                <dt>A-kasse</dt>
                <dd>{citizen.akasseCode ? `${citizen.akasseName ?? 'A-kasse'} (${citizen.akasseCode})` : 'Ikke medlem'}</dd>
              </div>
              <div>
                <dt>Jobcenter</dt>
                <dd>{citizen.jobcenterCode ? `${citizen.jobcenterName ?? 'Jobcenter'} (${citizen.jobcenterCode})` : 'Ukendt'}</dd>
              </div>
              {citizen.membershipStart && (
                <div>
                  <dt>Medlem siden</dt>
                  <dd>
                    {formatDate(citizen.membershipStart)}
                    {citizen.membershipEnd ? ` til ${formatDate(citizen.membershipEnd)}` : ''}
                  </dd>
                </div>
              )}
            </dl>
            {citizen.deceased && (
              <p className="banner banner-warn" role="note">
                Borgeren er afgået ved døden. Oplysningerne kan kun læses.
              </p>
            )}
          </div>
          <div className="citizen-actions">
            <Freshness freshness={freshness} />
            <button type="button" onClick={() => void refresh.run()} disabled={refresh.pending}>
              {refresh.pending ? 'Opdaterer …' : 'Opdatér fra DFDG'}
            </button>
            <ErrorText error={refresh.error} />
            <button type="button" className="primary" onClick={() => openComposer()} disabled={composeDraftId !== null} aria-keyshortcuts="Control+N">
              Ny besked
            </button>
            <AuditExport cpr={cpr} />
          </div>
        </div>
        {denied.length > 0 && (
          <div role="alert" className="banner banner-error">
            {denied.map((f) => (
              <p key={f.ruleId}>{f.message}</p>
            ))}
          </div>
        )}
        <ErrorText error={compose.error} prefix="Beskeden kunne ikke oprettes:" />
        <Tabs
          id="citizen"
          label="Borgerens oplysninger"
          tabs={TABS.map((t) => ({
            key: t.key,
            label: t.key === 'dialog' && counts.threads ? `${t.label} (${counts.threads})` : t.key === 'fravaer' && counts.absences ? `${t.label} (${counts.absences})` : t.label,
          }))}
          selected={tab}
          onSelect={selectTab}
        >
          {tab === 'dialog' && <DialogTab />}
          {tab === 'fravaer' && <AbsenceTab />}
          {tab === 'plan' && <PlanTab />}
          {tab === 'moeder' && <MeetingsTab />}
          {tab === 'joblog' && <JoblogTab />}
        </Tabs>
      </section>
    </CitizenContext.Provider>
  );
}

/** Audit export for this CPR: main writes the CSV, the renderer offers it as a Blob download link. */
function AuditExport({ cpr }: { cpr: string }) {
  const [link, setLink] = useState<{ url: string; fileName: string; chainIntact: boolean } | null>(null);
  const anchorRef = useRef<HTMLAnchorElement>(null);

  useEffect(() => () => {
    if (link) URL.revokeObjectURL(link.url);
  }, [link]);
  useEffect(() => {
    anchorRef.current?.click();
  }, [link]);

  const exportLog = useAction(async () => {
    const r = await call('audit.export', { cpr });
    // Main's CSV starts with the BOM Excel needs to read the Danish letters as UTF-8; add one only if it is missing.
    const blob = new Blob([r.csv.startsWith('\ufeff') ? r.csv : `\ufeff${r.csv}`], { type: 'text/csv;charset=utf-8' });
    setLink({ url: URL.createObjectURL(blob), fileName: r.fileName, chainIntact: r.chainIntact });
    useApp.getState().announce(`Adgangsloggen er klar: ${r.fileName}${r.chainIntact ? '' : '. Adgangsloggens kæde er brudt.'}`);
  });
  return (
    <div className="audit-export">
      <button type="button" onClick={() => void exportLog.run()} disabled={exportLog.pending}>
        Eksportér adgangslog (CSV)
      </button>
      {link && (
        <a ref={anchorRef} href={link.url} download={link.fileName}>
          Gem {link.fileName}
        </a>
      )}
      {link && !link.chainIntact && (
        <p role="alert" className="error">
          Adgangsloggens kæde er brudt: loggen kan være ændret uden om DFDG Desk, og filen siger det nederst. Se Indstillinger → Lokale data, og kontakt jeres it-sikkerhedsansvarlige, før loggen udleveres.
        </p>
      )}
      <ErrorText error={exportLog.error} />
    </div>
  );
}
