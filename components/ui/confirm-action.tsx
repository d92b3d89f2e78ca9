'use client';

import { useState, type ReactNode } from 'react';

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
      <button type="button" className="btn btn-small" onClick={() => setConfirming(true)}>
        {label}
      </button>
    );
  return (
    <span className="row" role="group" aria-label={groupLabel}>
      <span className="small">{prompt}</span>
      <button
        type="button"
        className="btn btn-small btn-danger"
        disabled={pending}
        onClick={onConfirm}
      >
        {pending && pendingLabel ? pendingLabel : confirmLabel}
      </button>
      <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
        {keepLabel}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
