'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { ReasonField } from '@/components/ui/reason-field';

/** Approve or deny the current step; a denial needs a reason. */
export function DecideForm({ grantId, stepLabel }: { grantId: string; stepLabel: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [comment, setComment] = useState('');
  const decide = useMutation(
    trpc.access.decide.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const fieldErrors: Record<string, string[] | undefined> = decide.error?.data?.fieldErrors ?? {};
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
        error={fieldErrors.comment?.[0]}
      />
      {decide.error && !fieldErrors.comment && (
        <div className="alert alert-error" role="alert" data-testid="decide-error">
          {decide.error.message}
        </div>
      )}
      <div className="row">
        <button
          className="btn btn-primary"
          type="button"
          disabled={decide.isPending}
          onClick={() => submit('approve')}
        >
          Approve
        </button>
        <button
          className="btn btn-danger"
          type="button"
          disabled={decide.isPending}
          onClick={() => submit('deny')}
        >
          Deny
        </button>
      </div>
    </form>
  );
}
