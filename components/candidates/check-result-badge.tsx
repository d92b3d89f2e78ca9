import { Badge } from '@/components/ui/badge';
import type { CheckResult } from '@/server/domain/candidates/checks';
import { CHECK_RESULT_LABELS, CHECK_RESULT_TONES } from './labels';

export function CheckResultBadge({ result }: { result: CheckResult }) {
  return (
    <Badge tone={CHECK_RESULT_TONES[result]} testId="check-result">
      {CHECK_RESULT_LABELS[result]}
    </Badge>
  );
}
