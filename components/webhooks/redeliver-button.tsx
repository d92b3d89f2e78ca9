'use client';

import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useFormMutation } from '@/components/ui/use-form-mutation';

export function RedeliverButton({ deliveryId }: { deliveryId: string }) {
  const trpc = useTRPC();
  const redeliver = useFormMutation(trpc.webhooks.redeliver.mutationOptions(), { refresh: true });
  return (
    <>
      <Button
        size="small"
        busy={redeliver.pending}
        busyLabel="Queuing…"
        onClick={() => redeliver.mutate({ deliveryId })}
      >
        Redeliver
      </Button>
      <FormMessage message={redeliver.message} inline />
    </>
  );
}
