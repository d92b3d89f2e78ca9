'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';

/**
 * Confirm or dismiss an open match with a reason (docs/PRODUCT.md §Screening and watchlists). The
 * reason rule lives in the server's schema; its message is shown as is.
 */
export function ReviewMatchForm({ matchId, label }: { matchId: string; label: string }) {
  const trpc = useTRPC();
  const [reason, setReason] = useState('');
  const review = useFormMutation(trpc.screening.review.mutationOptions(), {
    fields: ['reason'],
    refresh: true,
  });

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
      <Field
        label="Reason for the decision"
        hint="At least 5 characters."
        error={review.fieldError('reason')}
        announce
      >
        <Textarea
          name="reason"
          rows={2}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="What did you check? Kept with the decision and in the audit log"
        />
      </Field>
      <div className="row">
        <Button
          variant="danger"
          type="submit"
          name="decision"
          value="confirmed"
          disabled={review.pending}
        >
          Confirm match
        </Button>
        <Button type="submit" name="decision" value="false_positive" disabled={review.pending}>
          Mark false positive
        </Button>
        {review.pending && <span className="muted small">Saving…</span>}
        <FormMessage message={review.message} inline />
      </div>
    </form>
  );
}
