// Rule findings shown beside the field they concern. Give the field aria-describedby={findingsId(...)}
// so a screen reader reads the finding with the field.
import type { Finding } from '../../../shared/domain';

const LABEL = { error: 'Fejl', warning: 'Advarsel', info: 'Bemærk' } as const;

export function findingsId(form: string, field: string): string {
  return `${form}-${field.replace(/[^A-Za-z0-9_-]/g, '_')}-findings`;
}

export function FieldFindings({ id, findings }: { id: string; findings: Finding[] }) {
  if (findings.length === 0) return <span id={id} hidden />;
  return (
    <ul id={id} className="findings">
      {findings.map((f, i) => (
        <li key={`${f.ruleId}-${i}`} className={`finding finding-${f.severity}`} data-rule={f.ruleId}>
          <span className="finding-label">{LABEL[f.severity]}:</span> {f.message}
        </li>
      ))}
    </ul>
  );
}

/** Findings for one field (by name or a prefix like 'recommendation'). */
export function forField(findings: Finding[], field: string): Finding[] {
  return findings.filter((f) => f.field === field || (f.field?.startsWith(`${field}.`) ?? false) || (f.field?.startsWith(`${field}[`) ?? false));
}

/**
 * The findings to show: the rules' own (run here as the caseworker types) and, after a refusal, main's,
 * leaving out those the local rules already say (same rule, and same field unless `byRuleOnly`).
 */
export function withServerFindings(local: Finding[], server: Finding[], byRuleOnly = false): Finding[] {
  const same = (a: Finding, b: Finding) => a.ruleId === b.ruleId && (byRuleOnly || a.field === b.field);
  return [...local, ...server.filter((s) => !local.some((f) => same(f, s)))];
}

export function hasErrors(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
