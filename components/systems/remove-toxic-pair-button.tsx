'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/components/providers/trpc-provider';

export function RemoveToxicPairButton({ pairId, label }: { pairId: string; label: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(
    trpc.systems.removeToxicPair.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <>
      {remove.error && (
        <span className="field-error" role="alert">
          {remove.error.message}{' '}
        </span>
      )}
      <button
        type="button"
        className="btn btn-small btn-danger"
        disabled={remove.isPending}
        aria-label={`Remove toxic pair ${label}`}
        onClick={() => {
          if (window.confirm(`Stop flagging ${label} as a toxic combination?`))
            remove.mutate({ pairId });
        }}
      >
        Remove
      </button>
    </>
  );
}
