import type { Completion } from '@/server/domain/attestations/campaign';

/** Signed / total with a thin bar; overdue called out. */
export function CompletionBar({ c }: { c: Completion }) {
  const pct = c.total === 0 ? 0 : Math.round((100 * c.signed) / c.total);
  return (
    <div style={{ minWidth: 140 }}>
      <div className="small" data-testid="completion">
        <strong>
          {c.signed}/{c.total}
        </strong>{' '}
        signed ({pct}%)
        {c.overdue > 0 && <span className="badge badge-danger ml-6">{c.overdue} overdue</span>}
      </div>
      <div
        aria-hidden
        style={{ height: 6, background: 'var(--border, #e5e7eb)', borderRadius: 3, marginTop: 4 }}
      >
        <div
          style={{
            width: `${pct}%`,
            height: 6,
            borderRadius: 3,
            background: 'var(--ok, #16a34a)',
          }}
        />
      </div>
    </div>
  );
}
