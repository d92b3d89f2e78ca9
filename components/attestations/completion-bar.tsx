import { Badge } from '@/components/ui/badge';
import type { Completion } from '@/server/domain/attestations/campaign';

/** Signed / total with a thin bar; overdue called out. */
export function CompletionBar({ c }: { c: Completion }) {
  const pct = c.total === 0 ? 0 : Math.round((100 * c.signed) / c.total);
  return (
    <div className="completion">
      <div className="small" data-testid="completion">
        <strong>
          {c.signed}/{c.total}
        </strong>{' '}
        signed ({pct}%)
        {c.overdue > 0 && (
          <Badge tone="danger" className="ml-6">
            {c.overdue} overdue
          </Badge>
        )}
      </div>
      <div aria-hidden className="meter thin mt-4">
        <div className="meter-fill ok" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
