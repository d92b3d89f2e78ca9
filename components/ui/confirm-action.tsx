'use client';

import { useState, type ReactNode } from 'react';
import { FormMessage } from './alert';
import { Button } from './button';

/**
 * A button for a change that cannot be undone: the first click only asks, naming what will
 * happen; the change runs on the second, and "keep" backs out.
 */
export function ConfirmAction({
  label,
  groupLabel,
  prompt,
  confirmLabel,
  keepLabel,
  pending,
  pendingLabel,
  error,
  onConfirm,
}: {
  label: string;
  /** Accessible name of the question group, e.g. "Confirm closing". */
  groupLabel: string;
  prompt: ReactNode;
  confirmLabel: string;
  keepLabel: string;
  pending: boolean;
  pendingLabel?: string;
  error?: string | null;
  onConfirm: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <Button size="small" onClick={() => setConfirming(true)}>
        {label}
      </Button>
    );
  return (
    <span className="row" role="group" aria-label={groupLabel}>
      <span className="small">{prompt}</span>
      <Button
        variant="danger"
        size="small"
        busy={pending}
        busyLabel={pendingLabel}
        onClick={onConfirm}
      >
        {confirmLabel}
      </Button>
      <Button size="small" onClick={() => setConfirming(false)}>
        {keepLabel}
      </Button>
      <FormMessage message={error} inline />
    </span>
  );
}
