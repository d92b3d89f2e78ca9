'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ReasonField } from '@/components/ui/reason-field';
import { useFormMutation } from '@/components/ui/use-form-mutation';

/** Revoke a live grant now, with the reason kept in the audit log. */
export function RevokeGrantForm({ grantId }: { grantId: string }) {
  const trpc = useTRPC();
  const [reason, setReason] = useState('');
  const revoke = useFormMutation(trpc.access.revoke.mutationOptions(), {
    fields: ['reason'],
    refresh: true,
  });
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
        error={revoke.fieldError('reason')}
      />
      <FormMessage message={revoke.message} />
      <div className="row">
        <Button variant="danger" type="submit" busy={revoke.pending} busyLabel="Revoking…">
          Revoke now
        </Button>
      </div>
    </form>
  );
}

export function WithdrawRequestButton({ grantId }: { grantId: string }) {
  const trpc = useTRPC();
  const withdraw = useFormMutation(trpc.access.withdraw.mutationOptions(), { refresh: true });
  return (
    <div className="row">
      <Button disabled={withdraw.pending} onClick={() => withdraw.mutate({ grantId })}>
        Withdraw request
      </Button>
      <FormMessage message={withdraw.message} inline />
    </div>
  );
}
