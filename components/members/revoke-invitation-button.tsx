'use client';

import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { useFormMutation } from '@/components/ui/use-form-mutation';

export function RevokeInvitationButton({
  invitationId,
  email,
}: {
  invitationId: string;
  email: string;
}) {
  const trpc = useTRPC();
  const revoke = useFormMutation(trpc.members.revokeInvitation.mutationOptions(), {
    refresh: true,
  });
  return (
    <>
      {revoke.message && <span className="field-error">{revoke.message} </span>}
      <Button
        variant="danger"
        size="small"
        disabled={revoke.pending}
        aria-label={`Revoke invitation for ${email}`}
        onClick={() => revoke.mutate({ invitationId })}
      >
        Revoke
      </Button>
    </>
  );
}
