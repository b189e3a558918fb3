// The advisory inbox. In hub mode the organisation's team queue (TeamInbox); otherwise this desktop's
// own advisories: open advisories for my organisation, sortable by due date, kind or arrival;
// take one, mark it done. Virtualized (@tanstack/react-virtual) so 10,000 advisories scroll smoothly:
// only the rows in view are in the DOM. The list is a listbox with aria-activedescendant; J/K,
// Alt+↓/↑ and the arrow keys move, Enter opens. For a jobcenter, a received recommendation opens
// straight into the answer view.
import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Advisory } from '../../../shared/domain';
import { formatDateTime } from '../../../shared/dates';
import { call, useDfdgEvent } from '../lib/bridge';
import { useToday } from '../lib/ruleContext';
import { useAction } from '../lib/useAction';
import { useAsync } from '../lib/useAsync';
import { useRovingList } from '../lib/useRovingList';
import { useApp } from '../stores/app';
import { ErrorText } from '../components/ErrorText';
import { Modal } from '../components/Modal';
import { ROW_HEIGHT, TAB_FOR, citizenLabel } from './advisoryParts';
import { AdvisoryCells, AdvisoryFacts } from './AdvisoryView';
import { RecommendationAnswer } from './RecommendationAnswer';
import { TeamInbox } from './TeamInbox';

type Sort = 'due' | 'kind' | 'created';

export function InboxScreen() {
  const hub = useApp((s) => s.hub);
  // Hub mode: the team queue. Without a hub (or when the sandbox's could not start) this desktop's own advisories.
  if (hub && hub.state !== 'unavailable') return <TeamInbox />;
  return <LocalInbox note={hub?.reason ?? null} />;
}

function LocalInbox({ note }: { note: string | null }) {
  const orgType = useApp((s) => s.info?.identity?.organisation.type ?? null);
  const navigate = useApp((s) => s.navigate);
  const announce = useApp((s) => s.announce);
  const today = useToday();
  const [sort, setSort] = useState<Sort>('due');
  const [showDone, setShowDone] = useState(false);
  const data = useAsync(
    () => call('advisories.list', { status: showDone ? ['open', 'in-progress', 'done'] : ['open', 'in-progress'], sort, limit: 20_000 }),
    [sort, showDone],
  );
  useDfdgEvent('inbox.changed', () => data.reload());
  const items = data.data?.advisories ?? [];
  const [answering, setAnswering] = useState<Advisory | null>(null);

  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh on every render; nothing memoizes it
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });
  const roving = useRovingList(items.length, { onMove: (i) => virtualizer.scrollToIndex(i, { align: 'auto' }) });
  const current = roving.active >= 0 ? items[roving.active] : undefined;

  useEffect(() => {
    if (data.data && !showDone) useApp.getState().setInboxOpen(data.data.total);
  }, [data.data, showDone]);

  const replace = (a: Advisory) => data.setData((prev) => prev && { ...prev, advisories: prev.advisories.map((x) => (x.id === a.id ? a : x)) });

  const act = useAction(async (kind: 'take' | 'done' | 'reopen', a: Advisory) => {
    const updated = await call(kind === 'take' ? 'advisories.take' : kind === 'done' ? 'advisories.done' : 'advisories.reopen', { id: a.id });
    replace(updated);
    announce(kind === 'take' ? 'Du har taget opgaven' : kind === 'done' ? 'Opgaven er markeret som udført' : 'Opgaven er åbnet igen');
  });

  const open = (a: Advisory) => {
    if (orgType === 'jobcenter' && a.kind === 'recommendation-received' && a.entityId) {
      setAnswering(a);
      return;
    }
    navigate({ name: 'citizen', cpr: a.cpr, tab: TAB_FOR[a.kind] });
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    if (roving.onKeyDown(e, page)) return;
    if (e.key === 'Enter' && current) {
      e.preventDefault();
      open(current);
    }
  };

  return (
    <section className="screen inbox" aria-labelledby="inbox-title">
      <div className="tab-head">
        <h1 id="inbox-title">Indbakke</h1>
        <div className="inline">
          <label htmlFor="inbox-sort">Sortér efter</label>
          <select id="inbox-sort" value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            <option value="due">Frist</option>
            <option value="kind">Type</option>
            <option value="created">Modtaget</option>
          </select>
          <label className="checkbox">
            <input type="checkbox" checked={showDone} onChange={(e) => setShowDone(e.target.checked)} />
            Vis udførte
          </label>
        </div>
      </div>
      {note && (
        <p className="banner banner-warn" role="note">
          {note}
        </p>
      )}
      <ErrorText error={data.error} />
      {data.loading && !data.data && <p>Henter advis'er …</p>}
      {data.data && (
        <p className="hint" id="inbox-count">
          {items.length === 0 ? 'Ingen åbne advis\'er.' : `${items.length.toLocaleString('da-DK')} advis'er. Brug J/K eller piletasterne, og Enter for at åbne.`}
        </p>
      )}
      <ErrorText error={act.error} />
      <div className="split">
        <div
          ref={scrollRef}
          className="vlist"
          role="listbox"
          aria-label="Advis'er"
          aria-describedby="inbox-count"
          tabIndex={0}
          aria-activedescendant={current ? `adv-${current.id}` : undefined}
          onKeyDown={onKeyDown}
          hidden={items.length === 0}
        >
          <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const a = items[v.index]!;
              return (
                <div
                  key={a.id}
                  id={`adv-${a.id}`}
                  role="option"
                  aria-selected={v.index === roving.active}
                  aria-setsize={items.length}
                  aria-posinset={v.index + 1}
                  className={`vrow${v.index === roving.active ? ' active' : ''}${a.status === 'done' ? ' done' : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: v.size, transform: `translateY(${v.start}px)` }}
                  onClick={() => roving.setActive(v.index)}
                  onDoubleClick={() => open(a)}
                >
                  <AdvisoryCells advisory={a} today={today} status={a.status === 'open' ? 'Åben' : a.status === 'in-progress' ? `Taget af ${a.takenBy ?? 'en kollega'}` : 'Udført'} />
                </div>
              );
            })}
          </div>
        </div>
        {current && (
          <section className="detail" aria-labelledby="adv-detail-title">
            <h2 id="adv-detail-title">{current.title}</h2>
            <AdvisoryFacts
              advisory={current}
              status={
                current.status === 'open'
                  ? 'Åben'
                  : current.status === 'in-progress'
                    ? `Taget af ${current.takenBy ?? 'en kollega'}${current.takenAt ? ` ${formatDateTime(current.takenAt)}` : ''}`
                    : `Udført ${current.doneAt ? formatDateTime(current.doneAt) : ''}`
              }
            />
            <div className="actions">
              <button type="button" className="primary" onClick={() => open(current)}>
                {orgType === 'jobcenter' && current.kind === 'recommendation-received' && current.entityId ? 'Besvar indstillingen' : 'Åbn borger'}
              </button>
              {current.status === 'open' && (
                <button type="button" onClick={() => void act.run('take', current)}>
                  Tag opgaven
                </button>
              )}
              {current.status !== 'done' && (
                <button type="button" onClick={() => void act.run('done', current)}>
                  Marker som udført
                </button>
              )}
              {current.status === 'done' && (
                <button type="button" onClick={() => void act.run('reopen', current)}>
                  Åbn igen
                </button>
              )}
            </div>
          </section>
        )}
      </div>
      {answering && answering.entityId && (
        <Modal title={`Besvar indstilling om tilbud – ${citizenLabel(answering)}`} onClose={() => setAnswering(null)} wide>
          <RecommendationAnswer
            cpr={answering.cpr}
            messageId={answering.entityId}
            advisoryId={answering.id}
            onDone={() => {
              setAnswering(null);
              data.reload();
            }}
            onCancel={() => setAnswering(null)}
          />
        </Modal>
      )}
    </section>
  );
}
