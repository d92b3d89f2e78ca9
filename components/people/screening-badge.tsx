import type { ScreeningState } from '@/server/domain/inventory/person';
import { SCREENING_BADGES, SCREENING_LABELS } from './labels';

/** The screening summary: a badge, with what is still missing listed beside it. */
export function ScreeningBadge({
  screening,
  showMissing = true,
}: {
  screening: { state: ScreeningState; missing: string[] };
  showMissing?: boolean;
}) {
  return (
    <span data-testid="screening-badge" data-state={screening.state}>
      <span className={`badge ${SCREENING_BADGES[screening.state]}`}>
        {SCREENING_LABELS[screening.state]}
      </span>
      {showMissing && screening.state !== 'screened' && screening.missing.length > 0 && (
        <span className="muted small sub-note">{screening.missing.join(', ')}</span>
      )}
    </span>
  );
}
