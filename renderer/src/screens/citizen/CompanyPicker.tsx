// The company of a company-directed recommendation (type 11). The company-account service
// (Virksomhedskonto, seed 001 §7.1) answers only whether a company has a profile on Jobnet for
// Arbejdsgivere (JobAG) and when it last logged in; it is no company register. So the caseworker can
// always write the company in by hand (CVR 8 digits, P-number 10 digits, name), offline too; a lookup
// fills the fields and shows the account's facts when the company has a profile, and says so when it
// has none or when the lookup could not be made. The query modes and the blocked-company warning come
// from the shared rules (planCompanyLookup).
import { useState } from 'react';
import type { Company, RecommendationForm } from '../../../../shared/domain';
import { formatDateTime } from '../../../../shared/dates';
import { planCompanyLookup } from '../../../../shared/rules';
import { call, errorText } from '../../lib/bridge';

type Chosen = NonNullable<RecommendationForm['company']>;

type Lookup =
  | { state: 'idle' }
  | { state: 'busy' }
  | { state: 'found'; companies: Company[] }
  | { state: 'none'; cvr: string }
  | { state: 'failed'; message: string };

const MAX_NAME = 200;
const digits = (v: string) => v.replace(/\s+/g, '');

/** What the company account says about a unit (seed 001 §7.1), in Danish. */
export function accountFacts(c: Company): string {
  const status = c.accountActive ? 'aktiv (mindst én aktiv bruger)' : 'inaktiv (ingen aktive brugere)';
  const login = c.lastLoginAt ? `seneste login ${formatDateTime(c.lastLoginAt)}` : 'seneste login ikke oplyst';
  return `Profil på Jobnet for Arbejdsgivere (JobAG): ${status}, ${login}.`;
}

export function CompanyPicker({
  company,
  onChange,
  findingsId: describedBy,
  formId,
}: {
  company: Chosen | null;
  onChange: (c: Chosen | null) => void;
  findingsId: string;
  formId: string;
}) {
  const [cvr, setCvr] = useState(company?.cvr ?? '');
  const [pNumber, setPNumber] = useState(company?.pNumber ?? '');
  const [name, setName] = useState(company?.name ?? '');
  const [lookup, setLookup] = useState<Lookup>({ state: 'idle' });
  /** The company account's facts of the chosen unit, when it came from a lookup. */
  const [facts, setFacts] = useState<Company | null>(null);
  const [problems, setProblems] = useState<{ field: 'cvr' | 'pNumber' | 'name'; message: string }[]>([]);
  const id = (f: string) => `${formId}-company-${f}`;
  const problem = (f: 'cvr' | 'pNumber' | 'name') => problems.find((p) => p.field === f)?.message;
  // The shared rules' advice for this input: the format of CVR and P-number, the query mode, and the
  // warning that blocked (conflict-hit) companies are not marked.
  const plan = planCompanyLookup({ cvr: digits(cvr), pNumber: digits(pNumber) });
  const blockedNote = planCompanyLookup({}).findings.find((f) => f.severity === 'warning')?.message;

  const formatProblems = (needName: boolean) => {
    const found: { field: 'cvr' | 'pNumber' | 'name'; message: string }[] = [];
    const c = digits(cvr);
    if (c === '') found.push({ field: 'cvr', message: 'Skriv virksomhedens CVR-nummer (8 cifre).' });
    for (const f of plan.findings) {
      if (f.severity === 'error' && (f.field === 'cvr' || f.field === 'pNumber') && !found.some((x) => x.field === f.field)) found.push({ field: f.field, message: f.message });
    }
    if (needName && name.trim() === '') found.push({ field: 'name', message: 'Skriv virksomhedens navn.' });
    return found;
  };

  const choose = (c: Company) => {
    setCvr(c.cvr);
    setPNumber(c.pNumber ?? '');
    setName(c.name);
    setFacts(c);
    setProblems([]);
    onChange({ cvr: c.cvr, pNumber: c.pNumber, name: c.name.slice(0, MAX_NAME) });
  };

  const runLookup = () => {
    const found = formatProblems(false);
    setProblems(found);
    if (found.length > 0) return;
    setLookup({ state: 'busy' });
    const p = digits(pNumber);
    call('companies.lookup', { cvr: digits(cvr), ...(p ? { pNumber: p } : {}) }).then(
      (r) => {
        if (r.companies.length === 0) {
          setLookup({ state: 'none', cvr: digits(cvr) });
        } else if (r.companies.length === 1) {
          setLookup({ state: 'found', companies: r.companies });
          choose(r.companies[0]!);
        } else {
          setLookup({ state: 'found', companies: r.companies });
        }
      },
      (e: unknown) => setLookup({ state: 'failed', message: errorText(e) }),
    );
  };

  const useTyped = () => {
    const found = formatProblems(true);
    setProblems(found);
    if (found.length > 0) return;
    const p = digits(pNumber);
    setFacts(null);
    onChange({ cvr: digits(cvr), pNumber: p === '' ? null : p, name: name.trim().slice(0, MAX_NAME) });
  };

  const edited = () => {
    if (problems.length) setProblems([]);
  };
  const onEnter = (action: () => void) => (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      action();
    }
  };
  const many = lookup.state === 'found' && lookup.companies.length > 1 ? lookup.companies : null;
  const sameAsChosen = (c: Company) => company !== null && company.cvr === c.cvr && (company.pNumber ?? null) === (c.pNumber ?? null);

  return (
    <fieldset className="company" aria-describedby={describedBy}>
      <legend>Virksomhed</legend>
      <p id={id('hint')} className="hint">
        Skriv CVR-nummer (og evt. P-nummer) og slå virksomheden op, eller skriv den selv. Opslaget viser kun virksomheder med en profil på Jobnet for Arbejdsgivere.
      </p>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${formId}-cvr`}>Virksomhedens CVR-nummer</label>
          <input
            id={`${formId}-cvr`}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={10}
            value={cvr}
            onChange={(e) => {
              setCvr(e.target.value);
              edited();
            }}
            onKeyDown={onEnter(runLookup)}
            aria-invalid={problem('cvr') ? true : undefined}
            aria-describedby={`${id('cvr-problem')} ${id('hint')}`}
          />
          <span id={id('cvr-problem')} className="field-error">
            {problem('cvr') ?? ''}
          </span>
        </div>
        <div className="field">
          <label htmlFor={id('p')}>P-nummer (valgfrit)</label>
          <input
            id={id('p')}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
            value={pNumber}
            onChange={(e) => {
              setPNumber(e.target.value);
              edited();
            }}
            onKeyDown={onEnter(runLookup)}
            aria-invalid={problem('pNumber') ? true : undefined}
            aria-describedby={id('p-problem')}
          />
          <span id={id('p-problem')} className="field-error">
            {problem('pNumber') ?? ''}
          </span>
        </div>
        <div className="field">
          <label htmlFor={id('name')}>Virksomhedens navn</label>
          <input
            id={id('name')}
            type="text"
            autoComplete="off"
            maxLength={MAX_NAME}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              edited();
            }}
            onKeyDown={onEnter(useTyped)}
            aria-invalid={problem('name') ? true : undefined}
            aria-describedby={id('name-problem')}
          />
          <span id={id('name-problem')} className="field-error">
            {problem('name') ?? ''}
          </span>
        </div>
      </div>
      <div className="inline">
        <button type="button" onClick={runLookup} disabled={lookup.state === 'busy'}>
          {lookup.state === 'busy' ? 'Slår op …' : 'Slå virksomhed op'}
        </button>
        <button type="button" onClick={useTyped}>
          Brug virksomheden
        </button>
      </div>

      {lookup.state === 'failed' && (
        <p role="alert" className="error">
          Virksomheden kunne ikke slås op: {lookup.message} Du kan skrive navnet selv og vælge »Brug virksomheden«.
        </p>
      )}
      {lookup.state === 'none' && (
        <p role="status">
          CVR {lookup.cvr}{digits(pNumber) ? `, P-nummer ${digits(pNumber)}` : ''} har ingen profil på Jobnet for Arbejdsgivere (Virksomhedskonto). Det siger ikke, at virksomheden ikke findes: skriv navnet, og vælg »Brug virksomheden«.
        </p>
      )}
      {many && (
        <fieldset>
          <legend>Vælg produktionsenhed</legend>
          <ul className="plain">
            {many.map((c) => (
              <li key={`${c.cvr}-${c.pNumber ?? ''}`}>
                <button type="button" onClick={() => choose(c)} aria-pressed={sameAsChosen(c)} aria-describedby={id(`facts-${c.pNumber ?? 'cvr'}`)}>
                  {c.name}
                  {c.pNumber ? `, P-nummer ${c.pNumber}` : ''}
                </button>
                <span id={id(`facts-${c.pNumber ?? 'cvr'}`)} className="hint">
                  {' '}
                  {accountFacts(c)}
                </span>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {company && (
        <div className="chosen">
          <p>
            Valgt virksomhed: <strong>{company.name}</strong>, CVR {company.cvr}
            {company.pNumber ? `, P-nummer ${company.pNumber}` : ''}{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                setFacts(null);
                onChange(null);
              }}
            >
              Fjern virksomhed
            </button>
          </p>
          <p className="hint" role="status">
            {facts && facts.cvr === company.cvr && (facts.pNumber ?? null) === (company.pNumber ?? null)
              ? accountFacts(facts)
              : lookup.state === 'none'
                ? 'Skrevet ind af dig. Virksomheden har ingen profil på Jobnet for Arbejdsgivere.'
                : lookup.state === 'failed'
                  ? 'Skrevet ind af dig. Virksomheden er ikke slået op, fordi opslaget ikke kunne laves.'
                  : 'Ikke slået op i Virksomhedskontoen.'}
          </p>
        </div>
      )}
      {blockedNote && <p className="hint">{blockedNote}</p>}
    </fieldset>
  );
}
