import { changeHeadline, summarizeChange } from '@/server/domain/audit/change-summary';

/**
 * An audit entry's change: one line in the table, the field-by-field before/after on demand, so
 * fifty entries stay a page long (issue: the Change column wrapped every few characters).
 */
export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  const changes = summarizeChange(before, after);
  if (changes.length === 0) return <span className="muted">—</span>;
  const created = before == null;
  return (
    <details className="audit-change">
      <summary title={changeHeadline(changes, changes.length)}>{changeHeadline(changes)}</summary>
      <table className="audit-diff">
        <thead>
          <tr>
            <th scope="col">Field</th>
            {!created && <th scope="col">Before</th>}
            <th scope="col">{created ? 'Value' : 'After'}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.field}>
              <td className="mono">{c.field}</td>
              {!created && <td className="break-word">{c.before ?? '—'}</td>}
              <td className="break-word">{c.after ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
