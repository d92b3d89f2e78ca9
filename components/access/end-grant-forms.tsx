'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { ReasonField } from '@/components/ui/reason-field';

/** Revoke a live grant now, with the reason kept in the audit log. */
export function RevokeGrantForm({ grantId }: { grantId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [reason, setReason] = useState('');
  const revoke = useMutation(
    trpc.access.revoke.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const fieldErrors: Record<string, string[] | undefined> = revoke.error?.data?.fieldErrors ?? {};
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    revoke.mutate({ grantId, reason });
  }
  return (
    <form className="stack" aria-label="Revoke grant" onSubmit={onSubmit}>
      <ReasonField
        label="Reason"
        value={reason}
        onChange={setReason}
        placeholder="Why is this access ending early? At least 5 characters"
        error={fieldErrors.reason?.[0]}
      />
      {revoke.error && !fieldErrors.reason && (
        <div className="alert alert-error" role="alert">
          {revoke.error.message}
        </div>
      )}
      <div className="row">
        <button className="btn btn-danger" type="submit" disabled={revoke.isPending}>
          {revoke.isPending ? 'Revoking…' : 'Revoke now'}
        </button>
      </div>
    </form>
  );
}

export function WithdrawRequestButton({ grantId }: { grantId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const withdraw = useMutation(
    trpc.access.withdraw.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <div className="row">
      <button
        className="btn"
        type="button"
        disabled={withdraw.isPending}
        onClick={() => withdraw.mutate({ grantId })}
      >
        Withdraw request
      </button>
      {withdraw.error && (
        <span className="field-error" role="alert">
          {withdraw.error.message}
        </span>
      )}
    </div>
  );
}
