// The Indbakke in hub mode: the organisation's team queue, as this desktop holds it (main keeps a copy
// current from the hub's change feed). Views Mine / Ufordelte / Overskredne / Alle / Udførte, each
// paged from main 50 at a time for the rows in view only (never the whole queue), live: a change made
// at another desktop arrives as inbox.changed and the pages in view are read again. Take, release,
// complete, reopen go to the hub (or wait in the outbox while it cannot be reached); a lost race says
// who was first ("Taget af Søren Østergaard kl. 10:42."). Answering a recommendation takes the advisory
// first: a colleague who was first keeps it, and the answer written is kept as a draft in the thread.
// "Tag næste" (button and T) has the hub give this caseworker the open advisory due first; the views
// filter by kind ("efter type"); "Giv til kollega" and the team lead's "Fordeling" are in TeamTools.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { MAX_BODY_CHARS } from '../../../shared/constants';
import type { AdvisoryKind, HubStatus, TeamAction, TeamAdvisory, TeamView } from '../../../shared/domain';
import { formatDate, formatDateTime } from '../../../shared/dates';
import { atDanishTime, takenByText } from '../../../shared/hubText';
import { call, IpcFailure, ipcError, useDfdgEvent } from '../lib/bridge';
import { useToday } from '../lib/ruleContext';
import { useAction } from '../lib/useAction';
import { useRovingList } from '../lib/useRovingList';
import { useShortcut } from '../lib/shortcuts';
import { useApp } from '../stores/app';
import { ErrorText } from '../components/ErrorText';
import { Modal } from '../components/Modal';
import { Tabs } from '../components/Tabs';
import { AdvisoryCells, AdvisoryFacts } from './AdvisoryView';
import { KIND_TEXT, ROW_HEIGHT, TAB_FOR, TEAM_ACTION_TEXT as ACTION_TEXT, citizenLabel } from './advisoryParts';
import { RecommendationAnswer, type TeamHooks } from './RecommendationAnswer';
import { Distribution, HandOverDialog } from './TeamTools';

/** Rows per call to main: a screenful and more (a smaller first answer paints sooner; bench: renderer). */
export const TEAM_PAGE = 50;

const VIEWS: { key: TeamView; label: string }[] = [
  { key: 'mine', label: 'Mine' },
  { key: 'unassigned', label: 'Ufordelte' },
  { key: 'overdue', label: 'Overskredne' },
  { key: 'all', label: 'Alle' },
  { key: 'done', label: 'Udførte' },
];

const EMPTY: Record<TeamView, string> = {
  mine: 'Du har ingen opgaver. Tag en under Ufordelte.',
  unassigned: 'Der er ingen ufordelte opgaver.',
  overdue: 'Ingen opgaver har overskredet fristen.',
  all: 'Teamet har ingen åbne opgaver.',
  done: 'Ingen udførte opgaver endnu.',
};

const DONE_TEXT: Record<TeamAction, string> = {
  take: 'Du har taget opgaven.',
  release: 'Opgaven er lagt tilbage blandt de ufordelte.',
  complete: 'Opgaven er markeret som udført.',
  reopen: 'Opgaven er åbnet igen.',
};

/** A moment in the app's today (main's clock), for "kl. 10:42" (today) or "den 04-12-2026 kl. 10:42". */
const noonOf = (today: string) => new Date(`${today}T12:00:00Z`);

export function holderText(a: TeamAdvisory, me: string | null, today: string): string {
  const now = noonOf(today);
  if (a.status === 'open') return 'Ufordelt';
  if (a.status === 'in-progress' && a.takenBy && a.takenAt) return a.takenBy.id === me ? `Din, taget ${atDanishTime(a.takenAt, now)}` : takenByText(a.takenBy, a.takenAt, now);
  if (a.status === 'in-progress') return 'Taget af en kollega';
  return `Udført${a.doneBy ? ` af ${a.doneBy.name}` : ''}${a.doneAt ? ` ${atDanishTime(a.doneAt, now)}` : ''}`;
}

/** One view of the team queue (of one kind, or all), paged from main as rows come into view; read again on every change. */
function useTeamPages(view: TeamView, kind: AdvisoryKind | null) {
  const key = `${view}|${kind ?? ''}`;
  const [pages, setPages] = useState<{ key: string; total: number | null; rows: Map<number, TeamAdvisory[]> }>({ key, total: null, rows: new Map() });
  const [error, setError] = useState<unknown>(null);
  const gen = useRef(0);
  const loading = useRef(new Set<number>());
  const visible = useRef<[number, number]>([0, 0]);

  const load = useCallback(
    (page: number) => {
      const g = gen.current;
      if (loading.current.has(page)) return;
      loading.current.add(page);
      call('hub.page', { view, offset: page * TEAM_PAGE, limit: TEAM_PAGE, ...(kind ? { kind } : {}) }).then(
        (r) => {
          if (g !== gen.current) return;
          loading.current.delete(page);
          useApp.getState().setHub(r.status);
          setError(null);
          setPages((s) => {
            const rows = new Map(s.key === key ? s.rows : []);
            rows.set(page, r.items);
            return { key, total: r.total, rows };
          });
        },
        (e: unknown) => {
          if (g !== gen.current) return;
          loading.current.delete(page);
          setError(e);
        },
      );
    },
    [view, kind, key],
  );

  // A new view or kind: start over at its first page (the rows of the one before are not shown: `pages.key`).
  useEffect(() => {
    gen.current++;
    loading.current.clear();
    visible.current = [0, 0];
    load(0);
  }, [key, load]);

  const rows = pages.key === key ? pages.rows : null;
  /** The rows from `first` to `last` are in view: read the pages they are on that are not here yet. */
  const ensure = useCallback(
    (first: number, last: number) => {
      visible.current = [first, last];
      for (let p = Math.floor(first / TEAM_PAGE); p <= Math.floor(last / TEAM_PAGE); p++) if (!rows?.has(p)) load(p);
    },
    [rows, load],
  );
  /** Something changed: read the pages in view again (the others are dropped, read again when seen). */
  const refresh = useCallback(() => {
    gen.current++;
    loading.current.clear();
    const [first, last] = visible.current;
    const keep = new Set<number>();
    for (let p = Math.floor(first / TEAM_PAGE); p <= Math.floor(last / TEAM_PAGE); p++) keep.add(p);
    setPages((s) => ({ ...s, rows: new Map([...s.rows].filter(([p]) => keep.has(p))) }));
    for (const p of keep) load(p);
  }, [load]);

  const item = (i: number): TeamAdvisory | undefined => rows?.get(Math.floor(i / TEAM_PAGE))?.[i % TEAM_PAGE];
  /** Where the advisory is among the rows read so far (-1: not read). */
  const indexOf = useCallback(
    (id: string): number => {
      for (const [p, items] of rows ?? []) {
        const i = items.findIndex((a) => a.id === id);
        if (i >= 0) return p * TEAM_PAGE + i;
      }
      return -1;
    },
    [rows],
  );
  return { total: pages.key === key ? pages.total : null, item, indexOf, ensure, refresh, error };
}

function HubLine({ hub }: { hub: HubStatus }) {
  const navigate = useApp((s) => s.navigate);
  const pending = hub.pending > 0 ? ` ${hub.pending === 1 ? 'Én handling venter' : `${hub.pending} handlinger venter`} på at blive sendt til hubben.` : '';
  if (hub.state === 'online') {
    return (
      <p className="hint" role="status">
        Teamets opgaver fra organisationens hub{hub.organisation ? ` (${hub.organisation})` : ''}.{hub.me ? ` Du er ${hub.me.name} i hubben.` : ''}
        {pending}
      </p>
    );
  }
  const since = hub.syncedAt ? ` Du ser opgaverne, som de var ${formatDateTime(hub.syncedAt)}; det du gør, sendes, når hubben kan nås.` : '';
  return (
    <div className="banner banner-warn" role="status">
      {hub.state === 'connecting' ? 'Forbinder til hubben …' : hub.reason}
      {hub.state === 'offline' ? since : ''}
      {pending}
      {hub.state === 'refused' && hub.source === 'settings' && (
        <>
          {' '}
          <button type="button" className="link" onClick={() => navigate({ name: 'settings' })}>
            Åbn Indstillinger
          </button>
        </>
      )}
    </div>
  );
}

export function TeamInbox() {
  const hub = useApp((s) => s.hub)!;
  const orgType = useApp((s) => s.info?.identity?.organisation.type ?? null);
  const navigate = useApp((s) => s.navigate);
  const announce = useApp((s) => s.announce);
  const today = useToday();
  const me = hub.me?.id ?? null;
  const [view, setView] = useState<TeamView>('unassigned');
  const [kind, setKind] = useState<AdvisoryKind | null>(null);
  const data = useTeamPages(view, kind);
  useDfdgEvent('inbox.changed', () => data.refresh());
  const total = data.total ?? 0;
  const [answering, setAnswering] = useState<TeamAdvisory | null>(null);

  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh on every render; nothing memoizes it
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 6 });
  const roving = useRovingList(total, { onMove: (i) => virtualizer.scrollToIndex(i, { align: 'auto' }) });
  const current = roving.active >= 0 ? data.item(roving.active) : undefined;
  const virtual = virtualizer.getVirtualItems();
  const first = virtual[0]?.index ?? 0;
  const last = virtual[virtual.length - 1]?.index ?? 0;
  const { ensure } = data;
  useEffect(() => {
    if (total > 0) ensure(first, last);
  }, [first, last, total, ensure]);

  // "Tag næste": the hub picks (earliest due first, of the kind shown); it is then selected under Mine.
  const [select, setSelect] = useState<string | null>(null);
  const [nothingLeft, setNothingLeft] = useState<string | null>(null);
  const takeNext = useAction(async () => {
    setNothingLeft(null);
    const r = await call('hub.takeNext', kind ? { kind } : {});
    if (!r.advisory) {
      const text = kind ? `Der er ingen ufordelte opgaver af typen »${KIND_TEXT[kind]}« at tage.` : 'Der er ingen ufordelte opgaver at tage.';
      setNothingLeft(text);
      announce(text);
      return;
    }
    const a = r.advisory;
    announce(`Du har taget: ${a.title} – ${citizenLabel(a)}${a.dueDate ? `, frist ${formatDate(a.dueDate)}` : ''}.`);
    setSelect(a.id);
    if (view === 'mine') data.refresh();
    else {
      setView('mine');
      roving.setActive(-1);
    }
    act.reset();
  });
  useShortcut('takeNext', () => {
    if (!takeNext.pending) void takeNext.run();
  });
  const [handing, setHanding] = useState<TeamAdvisory | null>(null);
  const [showDistribution, setShowDistribution] = useState(false);

  const act = useAction(async (action: TeamAction, a: TeamAdvisory) => {
    const r = await call('hub.act', { id: a.id, action });
    announce(r.queued ? `Hubben kan ikke nås lige nu. »${ACTION_TEXT[action]}« sendes, når forbindelsen er tilbage.` : DONE_TEXT[action]);
    data.refresh();
  });

  const canAnswer = (a: TeamAdvisory) => orgType === 'jobcenter' && a.kind === 'recommendation-received' && a.entityId !== null && a.status !== 'done';
  const open = (a: TeamAdvisory) => {
    if (canAnswer(a)) {
      act.reset();
      setAnswering(a);
      return;
    }
    navigate({ name: 'citizen', cpr: a.cpr, tab: TAB_FOR[a.kind] });
  };

  // The advisory being answered, as it is now (a colleague may take it while the answer is written; it
  // then leaves the view, so it is read by its id).
  const [fresh, setFresh] = useState<TeamAdvisory | null>(null);
  useDfdgEvent('inbox.changed', () => {
    if (answering) call('hub.get', { id: answering.id }).then(setFresh, () => undefined);
  });
  const live = answering ? (fresh?.id === answering.id ? fresh : answering) : null;
  const team = useMemo<TeamHooks | undefined>(() => {
    if (!live) return undefined;
    const heldByOther = live.status === 'in-progress' && live.takenBy !== null && live.takenBy.id !== me;
    return {
      notice: heldByOther && live.takenAt ? `${takenByText(live.takenBy!, live.takenAt, noonOf(today))}. Svaret kan ikke sendes, mens en kollega har opgaven; trykker du Send, gemmes det du har skrevet, som kladde.` : null,
      // The advisory must be yours before the answer goes: take it now (a colleague who was first keeps it).
      beforeSend: async (text) => {
        if (live.status === 'in-progress' && live.takenBy?.id === me) return;
        let lost: string | null = null;
        try {
          const r = await call('hub.act', { id: live.id, action: 'take' });
          if (r.queued) lost = 'Hubben kan ikke nås, så det er ikke sikkert, at opgaven er din.';
        } catch (e) {
          if (ipcError(e)?.kind !== 'conflict') throw e;
          lost = ipcError(e)!.message;
        }
        if (lost === null) return;
        data.refresh();
        let kept = 'Dit svar er gemt som kladde i borgerens dialog.';
        try {
          const d = await call('drafts.create', { cpr: live.cpr, replyTo: live.entityId });
          await call('drafts.save', { id: d.id, patch: { body: text.slice(0, MAX_BODY_CHARS) } });
        } catch {
          kept = 'Dit svar kunne ikke gemmes som kladde: kopiér teksten, før du lukker.';
        }
        throw new IpcFailure({ kind: 'conflict', message: `${lost} ${kept}` });
      },
      afterSend: async () => {
        try {
          await call('hub.act', { id: live.id, action: 'complete' });
        } catch {
          announce('Svaret er sendt, men opgaven kunne ikke markeres som udført. Gør det i Indbakken.');
        }
      },
    };
  }, [live, me, today, data, announce]);

  // The advisory just taken with "Tag næste": selected once its row has been read.
  const { indexOf } = data;
  const { setActive } = roving;
  useEffect(() => {
    if (!select) return;
    const i = indexOf(select);
    if (i < 0) return;
    setSelect(null);
    setActive(i); // scrolls it into view (the roving list's onMove)
  }, [select, indexOf, setActive]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    if (roving.onKeyDown(e, page)) return;
    if (e.key === 'Enter' && current) {
      e.preventDefault();
      open(current);
    }
  };

  const label = (v: TeamView) => {
    const l = VIEWS.find((x) => x.key === v)!.label;
    return v === 'done' ? l : `${l} (${hub.counts[v].toLocaleString('da-DK')})`;
  };

  return (
    <section className="screen inbox" aria-labelledby="inbox-title">
      <div className="tab-head">
        <h1 id="inbox-title">Indbakke</h1>
        <div className="inline">
          <label htmlFor="team-kind">Type</label>
          <select
            id="team-kind"
            value={kind ?? ''}
            onChange={(e) => {
              setKind((e.target.value || null) as AdvisoryKind | null);
              roving.setActive(-1);
              setNothingLeft(null);
            }}
          >
            <option value="">Alle typer</option>
            {(Object.keys(KIND_TEXT) as AdvisoryKind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_TEXT[k]}
              </option>
            ))}
          </select>
          <button type="button" className="primary" onClick={() => void takeNext.run()} disabled={takeNext.pending} aria-keyshortcuts="T" title="Tag den ufordelte opgave med den tidligste frist (T)">
            {takeNext.pending ? 'Tager …' : 'Tag næste'}
          </button>
          <button type="button" aria-expanded={showDistribution} aria-controls="team-distribution" onClick={() => setShowDistribution((x) => !x)}>
            Fordeling
          </button>
        </div>
      </div>
      <HubLine hub={hub} />
      <ErrorText error={takeNext.error} prefix="Ingen opgave taget:" />
      {nothingLeft && (
        <p className="hint" role="status">
          {nothingLeft}
        </p>
      )}
      <div id="team-distribution" hidden={!showDistribution}>
        {showDistribution && <Distribution unassigned={hub.counts.unassigned} />}
      </div>
      <Tabs
        id="team"
        label="Teamets opgaver"
        tabs={VIEWS.map((v) => ({ key: v.key, label: label(v.key) }))}
        selected={view}
        onSelect={(v) => {
          setView(v);
          roving.setActive(-1);
          act.reset();
        }}
      >
        <ErrorText error={data.error} prefix="Opgaverne kunne ikke hentes:" />
        {data.total === null && !data.error && <p>Henter teamets opgaver …</p>}
        {data.total !== null && (
          <p className="hint" id="inbox-count">
            {kind ? `Type: ${KIND_TEXT[kind]}. ` : ''}
            {total === 0 ? EMPTY[view] : `${total === 1 ? 'Én opgave' : `${total.toLocaleString('da-DK')} opgaver`}. Brug J/K eller piletasterne, og Enter for at åbne.`}
          </p>
        )}
        <ErrorText error={act.error} />
        <div className="split">
          <div
            ref={scrollRef}
            className="vlist"
            role="listbox"
            aria-label="Teamets opgaver"
            aria-describedby="inbox-count"
            tabIndex={0}
            aria-activedescendant={current ? `team-${current.id}` : undefined}
            onKeyDown={onKeyDown}
            hidden={total === 0}
          >
            <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
              {virtual.map((v) => {
                const a = data.item(v.index);
                const style = { position: 'absolute' as const, top: 0, left: 0, width: '100%', height: v.size, transform: `translateY(${v.start}px)` };
                if (!a) {
                  return (
                    <div key={`loading-${v.index}`} role="option" aria-selected={false} aria-setsize={total} aria-posinset={v.index + 1} className="vrow" style={style}>
                      <span className="title">Henter …</span>
                    </div>
                  );
                }
                return (
                  <div
                    key={a.id}
                    id={`team-${a.id}`}
                    role="option"
                    aria-selected={v.index === roving.active}
                    aria-setsize={total}
                    aria-posinset={v.index + 1}
                    className={`vrow${v.index === roving.active ? ' active' : ''}${a.status === 'done' ? ' done' : ''}`}
                    style={style}
                    onClick={() => roving.setActive(v.index)}
                    onDoubleClick={() => open(a)}
                  >
                    <AdvisoryCells advisory={a} today={today} status={a.pending ? `Venter på hubben: ${ACTION_TEXT[a.pending]}` : holderText(a, me, today)} />
                  </div>
                );
              })}
            </div>
          </div>
          {current && (
            <section className="detail" aria-labelledby="team-detail-title">
              <h2 id="team-detail-title">{current.title}</h2>
              <AdvisoryFacts advisory={current} status={holderText(current, me, today)} />
              {current.pending && (
                <p className="hint" role="status">
                  Venter på hubben: {ACTION_TEXT[current.pending]}. Den sendes, når hubben kan nås.
                </p>
              )}
              {current.refused && !current.pending && (
                <p className="error" role="alert">
                  Hubben afviste »{ACTION_TEXT[current.refused.action]}«: {current.refused.message}
                </p>
              )}
              <div className="actions">
                <button type="button" className="primary" onClick={() => open(current)}>
                  {canAnswer(current) ? 'Besvar indstillingen' : 'Åbn borger'}
                </button>
                {current.status === 'open' && (
                  <button type="button" onClick={() => void act.run('take', current)} disabled={act.pending}>
                    Tag opgaven
                  </button>
                )}
                {current.status === 'in-progress' && current.takenBy?.id === me && (
                  <button type="button" onClick={() => void act.run('release', current)} disabled={act.pending}>
                    Læg tilbage
                  </button>
                )}
                {(current.status === 'open' || (current.status === 'in-progress' && current.takenBy?.id === me)) && (
                  <button type="button" onClick={() => void act.run('complete', current)} disabled={act.pending}>
                    Marker som udført
                  </button>
                )}
                {current.status === 'done' && (
                  <button type="button" onClick={() => void act.run('reopen', current)} disabled={act.pending}>
                    Åbn igen
                  </button>
                )}
                {!current.pending && (current.status === 'open' || (current.status === 'in-progress' && current.takenBy?.id === me)) && (
                  <button type="button" onClick={() => setHanding(current)}>
                    Giv til kollega …
                  </button>
                )}
              </div>
            </section>
          )}
        </div>
      </Tabs>
      {handing && (
        <HandOverDialog
          advisory={handing}
          onClose={() => setHanding(null)}
          onHanded={(to) => {
            setHanding(null);
            announce(`Opgaven er givet til ${to.name}.`);
            data.refresh();
          }}
        />
      )}
      {answering && answering.entityId && (
        <Modal title={`Besvar indstilling om tilbud – ${citizenLabel(answering)}`} onClose={() => setAnswering(null)} wide>
          <RecommendationAnswer
            cpr={answering.cpr}
            messageId={answering.entityId}
            {...(team ? { team } : {})}
            onDone={() => {
              setAnswering(null);
              data.refresh();
            }}
            onCancel={() => setAnswering(null)}
          />
        </Modal>
      )}
    </section>
  );
}
