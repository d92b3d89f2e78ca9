'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';

/**
 * Confirm or dismiss an open match with a reason (spec: matches reviewed as confirmed / false
 * positive). The reason rule lives in the server's schema; its message is shown as is.
 */
export function ReviewMatchForm({ matchId, label }: { matchId: string; label: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [reason, setReason] = useState('');
  const review = useMutation(
    trpc.screening.review.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const fieldErrors: Record<string, string[] | undefined> = review.error?.data?.fieldErrors ?? {};
  const reasonError = fieldErrors.reason?.[0];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const decision = submitter?.getAttribute('value');
    if (decision !== 'confirmed' && decision !== 'false_positive') return;
    review.mutate({ matchId, decision, reason });
  }

  return (
    <form
      className="stack match-review"
      onSubmit={onSubmit}
      noValidate
      aria-label={`Review ${label}`}
      data-testid="review-form"
    >
      <label htmlFor={`${id}-reason`}>
        Reason for the decision
        <textarea
          id={`${id}-reason`}
          name="reason"
          rows={2}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={`${id}-hint${reasonError ? ` ${id}-error` : ''}`}
          placeholder="What did you check? Kept with the decision and in the audit log"
        />
        <span id={`${id}-hint`} className="muted small" style={{ fontWeight: 400 }}>
          At least 5 characters.
        </span>
        {reasonError && (
          <span id={`${id}-error`} className="field-error" role="alert">
            {reasonError}
          </span>
        )}
      </label>
      <div className="row">
        <button
          className="btn btn-danger"
          type="submit"
          name="decision"
          value="confirmed"
          disabled={review.isPending}
        >
          Confirm match
        </button>
        <button
          className="btn"
          type="submit"
          name="decision"
          value="false_positive"
          disabled={review.isPending}
        >
          Mark false positive
        </button>
        {review.isPending && <span className="muted small">Saving…</span>}
        {review.error && !reasonError && (
          <span className="field-error" role="alert">
            {review.error.message}
          </span>
        )}
      </div>
    </form>
  );
}
