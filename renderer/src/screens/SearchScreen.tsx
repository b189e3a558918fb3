// Citizen search: by CPR (with or without the dash) or by name. Main answers from the cache at once
// and from DFDG when online, only with citizens the organisation may see, and audits each lookup.
// A query that is not a CPR number also searches the words of the cached messages (subjects and
// bodies); a hit opens the citizen's Dialog on that thread.
import { useEffect, useRef, useState } from 'react';
import type { CitizenSummary } from '../../../shared/domain';
import type { ChannelResponse } from '../../../shared/ipc';
import { formatCpr, looksLikeCpr, normalizeCpr } from '../../../shared/cpr';
import { formatDate } from '../../../shared/dates';
import { call, errorText } from '../lib/bridge';
import { useApp } from '../stores/app';
import { useCodes } from '../lib/codes';
import { ErrorText } from '../components/ErrorText';

interface Answer {
  query: string;
  results: CitizenSummary[];
  source: 'cache' | 'dfdg';
  online: boolean;
}

type MessageHit = ChannelResponse<'messages.search'>['hits'][number];

export function SearchScreen() {
  const focusTick = useApp((s) => s.searchFocusTick);
  const navigate = useApp((s) => s.navigate);
  const codes = useCodes();
  // Back to this screen brings back what was searched for (the route keeps it, in memory only).
  const [query, setQueryState] = useState(() => {
    const route = useApp.getState().route;
    return route.name === 'search' ? (route.query ?? '') : '';
  });
  const setQuery = (q: string) => {
    setQueryState(q);
    useApp.getState().replaceRoute({ name: 'search', query: q });
  };
  const [latest, setLatest] = useState<Answer | null>(null);
  const [failed, setFailed] = useState<{ query: string; message: string } | null>(null);
  const [messages, setMessages] = useState<{ query: string; hits: MessageHit[] } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const seq = useRef(0);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusTick]);

  const q = query.trim();
  const cpr = looksLikeCpr(q) ? normalizeCpr(q) : null;

  useEffect(() => {
    if (q.length < 2) return;
    const mine = ++seq.current;
    const t = setTimeout(() => {
      call('citizens.search', { query: cpr ?? q }).then(
        (r) => {
          if (mine === seq.current) setLatest({ query: q, ...r });
        },
        (e: unknown) => {
          if (mine === seq.current) setFailed({ query: q, message: errorText(e) });
        },
      );
      // Words, not CPR digits: the messages are searched too (main leaves out citizens we may not see).
      if (!looksLikeCpr(q)) {
        call('messages.search', { query: q, limit: 50 }).then(
          (r) => {
            if (mine === seq.current) setMessages({ query: q, hits: r.hits });
          },
          () => {
            if (mine === seq.current) setMessages({ query: q, hits: [] });
          },
        );
      }
    }, 200);
    return () => clearTimeout(t);
  }, [q, cpr]);

  // Only what answers the query in the box is shown; typing on shows "Søger …" until it answers.
  const answer = q.length >= 2 && latest?.query === q ? latest : null;
  const error = q.length >= 2 && failed?.query === q ? failed.message : null;
  const busy = q.length >= 2 && !answer && !error;

  const messageHits = q.length >= 2 && messages?.query === q ? messages.hits : [];

  const open = (c: string) => navigate({ name: 'citizen', cpr: c, tab: 'dialog' });
  const openMessage = (h: MessageHit) => navigate({ name: 'citizen', cpr: h.cpr, tab: 'dialog', messageId: h.messageId });

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const first = answer?.results[0];
    if (cpr) open(cpr);
    else if (first && answer?.results.length === 1) open(first.cpr);
    else listRef.current?.querySelector<HTMLButtonElement>('button.result')?.focus();
  };

  const onInputKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      const first = listRef.current?.querySelector<HTMLButtonElement>('button.result');
      if (first) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  const onListKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('button.result') ?? []);
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    e.preventDefault();
    if (e.key === 'ArrowDown') buttons[Math.min(i + 1, buttons.length - 1)]?.focus();
    else if (i <= 0) inputRef.current?.focus();
    else buttons[i - 1]?.focus();
  };

  const results = answer?.results ?? [];
  return (
    <section aria-labelledby="search-title" className="screen">
      <h1 id="search-title">Søg borger</h1>
      <form role="search" onSubmit={onSubmit} className="search-form">
        <label htmlFor="search-input">CPR-nummer eller navn</label>
        <input
          id="search-input"
          ref={inputRef}
          type="search"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onInputKey}
          aria-describedby="search-help"
        />
        <button type="submit">Søg</button>
        <p id="search-help" className="hint">
          Skriv CPR-nummer med eller uden bindestreg (DDMMÅÅ-XXXX), en del af navnet, eller ord fra en besked. Tryk ↓ for at gå til resultaterne.
        </p>
      </form>

      <ErrorText error={error} />
      {busy && !answer && <p aria-live="polite">Søger …</p>}
      {answer && (
        <div aria-live="polite" aria-busy={busy}>
          <p className="hint">
            {answer.results.length === 0 ? 'Ingen borgere fundet' : answer.results.length === 1 ? '1 borger fundet' : `${answer.results.length} borgere fundet`}
            {answer.source === 'cache' ? ' i den lokale kopi' : ' i DFDG'}
            {!answer.online && ' (offline – kun borgere, du har slået op før)'}.
          </p>
        </div>
      )}
      <div ref={listRef} onKeyDown={onListKey}>
        {answer && results.length > 0 && (
          <ul className="results" aria-label="Søgeresultater">
            {results.map((c) => (
              <li key={c.cpr}>
                <button type="button" className="result" onClick={() => open(c.cpr)}>
                  <span className="result-name">{c.name}</span>
                  <span className="result-cpr">{formatCpr(c.cpr)}</span>
                  <span className="result-meta">{codes.contactGroup(c.contactGroup)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {messageHits.length > 0 && (
          <section aria-labelledby="message-hits-title" className="message-hits">
            <h2 id="message-hits-title">Beskeder ({messageHits.length === 50 ? 'de 50 nyeste' : messageHits.length})</h2>
            <ul className="results" aria-label="Beskeder, der matcher">
              {messageHits.map((h) => (
                <li key={h.messageId}>
                  <button type="button" className="result" onClick={() => openMessage(h)}>
                    <span className="result-name">{h.subject}</span>
                    <span className="result-cpr">{h.citizenName}</span>
                    <span className="result-meta">{formatDate(h.createdAt)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
      {answer && cpr && results.length === 0 && (
        <button type="button" onClick={() => open(cpr)}>
          Slå {formatCpr(cpr)} op i DFDG
        </button>
      )}
    </section>
  );
}
