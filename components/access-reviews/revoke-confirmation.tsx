'use client';

import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';

/**
 * The last step before a revocation: the count and who loses what, since revoking takes effect at
 * once (docs/PRODUCT.md §Access reviews). Focus moves to it so keyboard users land on the choice.
 */
export function RevokeConfirmation({
  labels,
  busy,
  onConfirm,
  onCancel,
}: {
  /** "Person · System privilege" of each selected item. */
  labels: string[];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const n = labels.length;
  const shown = labels.slice(0, 8);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="alert alert-error stack"
      role="alertdialog"
      aria-labelledby="revoke-confirm-title"
      data-testid="revoke-confirmation"
    >
      <strong id="revoke-confirm-title">
        Revoke {n} grant{n === 1 ? '' : 's'} now? Access ends at once.
      </strong>
      <ul className="flush indent">
        {shown.map((label) => (
          <li key={label}>{label}</li>
        ))}
        {n > shown.length && <li>and {n - shown.length} more</li>}
      </ul>
      <div className="row">
        <Button variant="danger" onClick={onConfirm} busy={busy} busyLabel="Revoking…">
          Yes, revoke {n}
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
