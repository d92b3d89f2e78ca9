'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/components/providers/trpc-provider';

export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <>
      {revoke.error && <span className="field-error">{revoke.error.message} </span>}
      <button
        type="button"
        className="btn btn-small btn-danger"
        disabled={revoke.isPending}
        aria-label={`Revoke API key ${name}`}
        onClick={() => {
          if (window.confirm(`Revoke “${name}”? Anything using it stops working at once.`))
            revoke.mutate({ id });
        }}
      >
        Revoke
      </button>
    </>
  );
}
