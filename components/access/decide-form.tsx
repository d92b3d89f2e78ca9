'use client';

import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ReasonField } from '@/components/ui/reason-field';
import { useFormMutation } from '@/components/ui/use-form-mutation';

/** Approve or deny the current step; a denial needs a reason. */
export function DecideForm({ grantId, stepLabel }: { grantId: string; stepLabel: string }) {
  const trpc = useTRPC();
  const [comment, setComment] = useState('');
  const decide = useFormMutation(trpc.access.decide.mutationOptions(), {
    fields: ['comment'],
    refresh: true,
  });
  const submit = (decision: 'approve' | 'deny') =>
    decide.mutate({ grantId, decision, comment: comment || undefined });

  return (
    <form className="stack" aria-label="Decide" onSubmit={(e) => e.preventDefault()}>
      <ReasonField
        label={`Comment (${stepLabel} step)`}
        name="comment"
        value={comment}
        onChange={setComment}
        placeholder="Optional when approving; required when denying"
        error={decide.fieldError('comment')}
      />
      <FormMessage message={decide.message} testId="decide-error" />
      <div className="row">
        <Button variant="primary" disabled={decide.pending} onClick={() => submit('approve')}>
          Approve
        </Button>
        <Button variant="danger" disabled={decide.pending} onClick={() => submit('deny')}>
          Deny
        </Button>
      </div>
    </form>
  );
}
