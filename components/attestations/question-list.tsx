import type { AttestationTemplate } from '@/server/domain/attestations/template';

/** A template's questions read-only (auditors, and the campaign snapshot). */
export function QuestionList({ template }: { template: AttestationTemplate }) {
  return (
    <ol className="stack questions">
      {template.questions.map((q) => (
        <li key={q.id}>
          {q.prompt}{' '}
          <span className="muted small">
            ({q.kind === 'yes_no' ? 'yes / no' : q.kind}
            {q.options ? `: ${q.options.join(', ')}` : ''}
            {q.detailsFor ? `, details after a yes to ${q.detailsFor}` : ''})
          </span>
          {q.discloses && (
            <span className="badge badge-warn ml-6">
              “{q.discloses.when.join('” or “')}” discloses {q.discloses.kind.replace('_', ' ')}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
