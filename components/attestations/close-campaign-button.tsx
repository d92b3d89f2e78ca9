'use client';

import { useTRPC } from '@/components/providers/trpc-provider';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { useFormMutation } from '@/components/ui/use-form-mutation';

/** Closing withdraws the links still out; it asks once before doing so. */
export function CloseCampaignButton({
  campaignId,
  unanswered,
}: {
  campaignId: string;
  unanswered: number;
}) {
  const trpc = useTRPC();
  const close = useFormMutation(trpc.attestations.close.mutationOptions(), { refresh: true });
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
      pending={close.pending}
      error={close.message}
      onConfirm={() => close.mutate({ campaignId })}
    />
  );
}
