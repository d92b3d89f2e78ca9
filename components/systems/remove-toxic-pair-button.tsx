'use client';

import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { useFormMutation } from '@/components/ui/use-form-mutation';

export function RemoveToxicPairButton({ pairId, label }: { pairId: string; label: string }) {
  const trpc = useTRPC();
  const remove = useFormMutation(trpc.systems.removeToxicPair.mutationOptions(), {
    refresh: true,
  });
  return (
    <>
      {remove.message && (
        <span className="field-error" role="alert">
          {remove.message}{' '}
        </span>
      )}
      <Button
        variant="danger"
        size="small"
        disabled={remove.pending}
        aria-label={`Remove toxic pair ${label}`}
        onClick={() => {
          if (window.confirm(`Stop flagging ${label} as a toxic combination?`))
            remove.mutate({ pairId });
        }}
      >
        Remove
      </Button>
    </>
  );
}
