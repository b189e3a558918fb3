// The type 11 "Indstilling om tilbud" form: offer type (ActivationTypeIdentifier valid on the date),
// proposed start, duration, hours, the company (looked up or written in: CompanyPicker) for
// company-directed offers or the course provider (course-directed offers), and supporting activities.
import type { Finding, RecommendationForm } from '../../../../shared/domain';
import type { ActivationTypeItem } from '../../../../shared/codelists/types';
import { useCodes } from '../../lib/codes';
import { DateField } from '../../components/DateField';
import { FieldFindings, findingsId, forField } from '../../components/Findings';
import { CompanyPicker } from './CompanyPicker';

const MAX_SUPPORT = 10;

export function RecommendationFields({
  form,
  onChange,
  asOf,
  findings,
  formId,
  activation,
}: {
  form: RecommendationForm;
  onChange: (f: RecommendationForm) => void;
  asOf: string;
  findings: Finding[];
  formId: string;
  activation: ActivationTypeItem | undefined;
}) {
  const codes = useCodes();
  const offers = codes.valid('ActivationTypeIdentifier', asOf).filter((o) => !o.grantedByAkasse || o.id === form.offerType);
  const set = (patch: Partial<RecommendationForm>) => onChange({ ...form, ...patch });
  const fid = (f: string) => findingsId(formId, `recommendation.${f}`);
  const placed = ['offerType', 'proposedStart', 'durationWeeks', 'hoursPerWeek', 'company', 'courseProvider', 'supportingActivities'];
  const rest = findings.filter((f) => !placed.some((p) => f.field === `recommendation.${p}` || f.field?.startsWith(`recommendation.${p}[`) || f.field?.startsWith(`recommendation.${p}.`)));
  const showCompany = activation ? activation.companyDirected : false;
  const showCourse = activation ? activation.courseDirected : false;

  const numberOrNull = (v: string, int: boolean) => {
    if (v.trim() === '') return null;
    const n = Number(v.replace(',', '.'));
    if (!Number.isFinite(n) || n < 0) return null;
    return int ? Math.round(n) : n;
  };

  return (
    <fieldset className="recommendation">
      <legend>Indstilling om tilbud</legend>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${formId}-offer`}>Tilbudstype</label>
          <select
            id={`${formId}-offer`}
            value={form.offerType ?? ''}
            onChange={(e) => {
              const id = e.target.value === '' ? null : Number(e.target.value);
              const item = codes.item('ActivationTypeIdentifier', id);
              // Keep only the party the new offer type needs (both are kept if we do not know).
              set({
                offerType: id,
                company: item && !item.companyDirected && item.courseDirected ? null : form.company ?? null,
                courseProvider: item && item.companyDirected && !item.courseDirected ? null : form.courseProvider ?? null,
              });
            }}
            aria-describedby={`${fid('offerType')} ${formId}-offer-hint`}
          >
            <option value="">Vælg tilbud …</option>
            {offers.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <span id={`${formId}-offer-hint`} className="hint">
            6 ugers jobrettet uddannelse bevilger a-kassen selv; den skal ikke indstilles.
          </span>
          <FieldFindings id={fid('offerType')} findings={forField(findings, 'recommendation.offerType')} />
        </div>
        <DateField
          id={`${formId}-start`}
          label="Foreslået start"
          value={form.proposedStart ?? null}
          onChange={(iso) => set({ proposedStart: iso })}
          describedBy={fid('proposedStart')}
        />
        <div className="field">
          <label htmlFor={`${formId}-weeks`}>Varighed i uger</label>
          <input
            id={`${formId}-weeks`}
            type="number"
            min={1}
            max={520}
            step={1}
            inputMode="numeric"
            value={form.durationWeeks ?? ''}
            onChange={(e) => set({ durationWeeks: numberOrNull(e.target.value, true) })}
            aria-describedby={fid('durationWeeks')}
          />
          <FieldFindings id={fid('durationWeeks')} findings={forField(findings, 'recommendation.durationWeeks')} />
        </div>
        <div className="field">
          <label htmlFor={`${formId}-hours`}>Timer pr. uge</label>
          <input
            id={`${formId}-hours`}
            type="number"
            min={0}
            max={59}
            step={0.5}
            inputMode="decimal"
            value={form.hoursPerWeek ?? ''}
            onChange={(e) => {
              const h = numberOrNull(e.target.value, false);
              set({ hoursPerWeek: h === null ? null : Math.min(h, 59) });
            }}
            aria-describedby={fid('hoursPerWeek')}
          />
          <FieldFindings id={fid('hoursPerWeek')} findings={forField(findings, 'recommendation.hoursPerWeek')} />
        </div>
      </div>
      <FieldFindings id={fid('proposedStart')} findings={forField(findings, 'recommendation.proposedStart')} />

      {(showCompany || (!activation && form.company)) && (
        <CompanyPicker company={form.company ?? null} onChange={(company) => set({ company })} findingsId={fid('company')} formId={formId} />
      )}
      <FieldFindings id={fid('company')} findings={forField(findings, 'recommendation.company')} />

      {(showCourse || (!activation && form.courseProvider)) && (
        <div className="field">
          <label htmlFor={`${formId}-course`}>Kursusudbyder / uddannelsessted</label>
          <input
            id={`${formId}-course`}
            type="text"
            maxLength={200}
            value={form.courseProvider ?? ''}
            onChange={(e) => set({ courseProvider: e.target.value === '' ? null : e.target.value })}
            aria-describedby={fid('courseProvider')}
          />
        </div>
      )}
      <FieldFindings id={fid('courseProvider')} findings={forField(findings, 'recommendation.courseProvider')} />

      <fieldset className="support">
        <legend>Understøttende aktiviteter</legend>
        <datalist id={`${formId}-support-suggestions`}>
          <option value="Mentorstøtte" />
          <option value="Hjælpemidler" />
          <option value="Personlig assistance" />
        </datalist>
        {form.supportingActivities.length === 0 && <p className="hint">Ingen. Foreslå fx mentorstøtte eller hjælpemidler sammen med tilbuddet.</p>}
        <ul>
          {form.supportingActivities.map((a, i) => (
            <li key={i} className="inline">
              <label htmlFor={`${formId}-support-${i}`} className="visually-hidden">
                Understøttende aktivitet {i + 1}
              </label>
              <input
                id={`${formId}-support-${i}`}
                type="text"
                maxLength={200}
                list={`${formId}-support-suggestions`}
                value={a}
                onChange={(e) => set({ supportingActivities: form.supportingActivities.map((x, j) => (j === i ? e.target.value : x)) })}
              />
              <button type="button" onClick={() => set({ supportingActivities: form.supportingActivities.filter((_, j) => j !== i) })}>
                Fjern aktivitet {i + 1}
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          onClick={() => set({ supportingActivities: [...form.supportingActivities, ''] })}
          disabled={form.supportingActivities.length >= MAX_SUPPORT}
          aria-describedby={fid('supportingActivities')}
        >
          Tilføj understøttende aktivitet
        </button>
        <FieldFindings id={fid('supportingActivities')} findings={forField(findings, 'recommendation.supportingActivities')} />
      </fieldset>
      {rest.length > 0 && <FieldFindings id={fid('other')} findings={rest} />}
    </fieldset>
  );
}
