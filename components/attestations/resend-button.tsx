'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/components/providers/trpc-provider';

/** Mails a new link; the one sent before stops working. */
export function ResendButton({ requestId, name }: { requestId: string; name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const resend = useMutation(
    trpc.attestations.resend.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <span className="stack" style={{ gap: 2 }}>
      <button
        type="button"
        className="btn btn-small"
        disabled={resend.isPending}
        aria-label={`Resend the link to ${name}`}
        onClick={() => resend.mutate({ requestId })}
      >
        {resend.isPending ? 'Sending…' : 'Resend link'}
      </button>
      {resend.isSuccess && <span className="small muted">New link sent</span>}
      {resend.error && <span className="field-error">{resend.error.message}</span>}
    </span>
  );
}
