// Citizen search: by CPR (with or without the dash) or by name. Main answers from the cache at once
// and from DFDG when online, only with citizens the organisation may see, and audits each lookup.
import { useEffect, useRef, useState } from 'react';
import type { CitizenSummary } from '../../../shared/domain';
import { formatCpr, looksLikeCpr, normalizeCpr } from '../../../shared/cpr';
import { call, errorText } from '../lib/bridge';
import { useApp } from '../stores/app';
import { useCodes } from '../lib/codes';

interface Answer {
  query: string;
  results: CitizenSummary[];
  source: 'cache' | 'dfdg';
  online: boolean;
}

export function SearchScreen() {
  const focusTick = useApp((s) => s.searchFocusTick);
  const navigate = useApp((s) => s.navigate);
  const codes = useCodes();
  const [query, setQuery] = useState('');
  const [latest, setLatest] = useState<Answer | null>(null);
  const [failed, setFailed] = useState<{ query: string; message: string } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
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
    }, 200);
    return () => clearTimeout(t);
  }, [q, cpr]);

  // Only what answers the query in the box is shown; typing on shows "Søger …" until it answers.
  const answer = q.length >= 2 && latest?.query === q ? latest : null;
  const error = q.length >= 2 && failed?.query === q ? failed.message : null;
  const busy = q.length >= 2 && !answer && !error;

  const open = (c: string) => navigate({ name: 'citizen', cpr: c, tab: 'dialog' });

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const first = answer?.results[0];
    if (cpr) open(cpr);
    else if (first && answer?.results.length === 1) open(first.cpr);
    else listRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
  };

  const onInputKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      const first = listRef.current?.querySelector<HTMLButtonElement>('button');
      if (first) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  const onListKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
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
          Skriv CPR-nummer med eller uden bindestreg (DDMMÅÅ-XXXX), eller en del af navnet. Tryk ↓ for at gå til resultaterne.
        </p>
      </form>

      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {busy && !answer && <p aria-live="polite">Søger …</p>}
      {answer && (
        <div aria-live="polite" aria-busy={busy}>
          <p className="hint">
            {answer.results.length === 0 ? 'Ingen borgere fundet' : answer.results.length === 1 ? '1 borger fundet' : `${answer.results.length} borgere fundet`}
            {answer.source === 'cache' ? ' i den lokale kopi' : ' i DFDG'}
            {!answer.online && ' (offline – kun borgere, du har slået op før)'}.
          </p>
          {results.length > 0 && (
            <ul ref={listRef} className="results" aria-label="Søgeresultater" onKeyDown={onListKey}>
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
          {cpr && results.length === 0 && (
            <button type="button" onClick={() => open(cpr)}>
              Slå {formatCpr(cpr)} op i DFDG
            </button>
          )}
        </div>
      )}
    </section>
  );
}
