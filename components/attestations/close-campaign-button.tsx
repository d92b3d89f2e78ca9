'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/components/providers/trpc-provider';
import { ConfirmAction } from '@/components/ui/confirm-action';

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
  const close = useMutation(
    trpc.attestations.close.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <ConfirmAction
      label="Close campaign"
      groupLabel="Confirm closing"
      prompt={
        unanswered > 0
          ? `${unanswered} unanswered link${unanswered === 1 ? '' : 's'} will stop working.`
          : 'Everyone has answered.'
      }
      confirmLabel="Close it"
      keepLabel="Keep open"
      pending={close.isPending}
      error={close.error?.message}
      onConfirm={() => close.mutate({ campaignId })}
    />
  );
}
