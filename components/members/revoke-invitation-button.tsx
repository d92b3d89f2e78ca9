'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/components/providers/trpc-provider';

export function RevokeInvitationButton({
  invitationId,
  email,
}: {
  invitationId: string;
  email: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const revoke = useMutation(
    trpc.members.revokeInvitation.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <>
      {revoke.error && <span className="field-error">{revoke.error.message} </span>}
      <button
        type="button"
        className="btn btn-small btn-danger"
        disabled={revoke.isPending}
        aria-label={`Revoke invitation for ${email}`}
        onClick={() => revoke.mutate({ invitationId })}
      >
        Revoke
      </button>
    </>
  );
}
