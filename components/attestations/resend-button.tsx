'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/components/providers/trpc-provider';

/** Mails a new link to the person's current address; the one sent before stops working. */
export function ResendButton({ requestId, name }: { requestId: string; name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const resend = useMutation(
    trpc.attestations.resend.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <span className="stack gap-2">
      <button
        type="button"
        className="btn btn-small"
        disabled={resend.isPending}
        aria-label={`Resend the link to ${name}`}
        onClick={() => resend.mutate({ requestId })}
      >
        {resend.isPending ? 'Sending…' : 'Resend link'}
      </button>
      {resend.data && (
        <span className="small muted" role="status">
          {resend.data.previousTo
            ? `New link sent to ${resend.data.to} (was ${resend.data.previousTo})`
            : `New link sent to ${resend.data.to}`}
        </span>
      )}
      {resend.error && <span className="field-error">{resend.error.message}</span>}
    </span>
  );
}
