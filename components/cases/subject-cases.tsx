import Link from 'next/link';
import { SeverityBadge } from '@/components/signals/labels';
import { formatDate } from '@/components/ui/format';
import type { CaseOutcome, CaseSeverity, CaseStatus } from '@/server/domain/cases/case';
import { EscalateForm, type AssigneeOption, type CaseOption } from './escalate-form';
import { CASE_STATUS_BADGES, CASE_STATUS_LABELS, OUTCOME_LABELS } from './labels';

export interface SubjectCase {
  id: string;
  reference: string;
  title: string;
  severity: CaseSeverity;
  status: CaseStatus;
  outcome: CaseOutcome | null;
  openedAt: Date;
}

/** A person's or vendor's cases, and (for investigators) a form to open or join one. */
export function SubjectCases({
  cases,
  subject,
  defaultTitle,
  escalation,
}: {
  cases: SubjectCase[];
  subject: { personIds?: string[]; vendorIds?: string[] };
  defaultTitle: string;
  escalation: { openCases: CaseOption[]; assignees: AssigneeOption[] } | null;
}) {
  return (
    <section className="card stack mt-16" aria-labelledby="cases-heading">
      <h2 id="cases-heading">Cases</h2>
      {cases.length === 0 ? (
        <p className="muted small flush">No cases yet.</p>
      ) : (
        <ul className="stack flush indent gap-4" data-testid="subject-cases">
          {cases.map((c) => (
            <li key={c.id}>
              <Link href={`/cases/${c.id}`}>
                {c.reference} · {c.title}
              </Link>{' '}
              <SeverityBadge severity={c.severity} />{' '}
              <span className={`badge ${CASE_STATUS_BADGES[c.status]}`}>
                {CASE_STATUS_LABELS[c.status]}
              </span>
              <span className="muted small">
                {' '}
                · opened {formatDate(c.openedAt)}
                {c.outcome ? ` · ${OUTCOME_LABELS[c.outcome].toLowerCase()}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {escalation && (
        <details>
          <summary className="strong">Open a case or add to one</summary>
          <EscalateForm
            {...subject}
            heading="Open a case"
            defaultTitle={defaultTitle}
            defaultSeverity="medium"
            openCases={escalation.openCases}
            assignees={escalation.assignees}
          />
        </details>
      )}
    </section>
  );
}
