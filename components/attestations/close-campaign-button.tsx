'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';

/** Closing withdraws the links still out; it asks once before doing so. */
export function CloseCampaignButton({
  campaignId,
  unanswered,
}: {
  campaignId: string;
  unanswered: number;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const close = useMutation(
    trpc.attestations.close.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  if (!confirming)
    return (
      <button type="button" className="btn btn-small" onClick={() => setConfirming(true)}>
        Close campaign
      </button>
    );
  return (
    <span className="row" role="group" aria-label="Confirm closing">
      <span className="small">
        {unanswered > 0
          ? `${unanswered} unanswered link${unanswered === 1 ? '' : 's'} will stop working.`
          : 'Everyone has answered.'}
      </span>
      <button
        type="button"
        className="btn btn-small btn-danger"
        disabled={close.isPending}
        onClick={() => close.mutate({ campaignId })}
      >
        Close it
      </button>
      <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
        Keep open
      </button>
      {close.error && <span className="field-error">{close.error.message}</span>}
    </span>
  );
}
