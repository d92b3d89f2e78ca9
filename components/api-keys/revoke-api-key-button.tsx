'use client';

import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { useFormMutation } from '@/components/ui/use-form-mutation';

export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const trpc = useTRPC();
  const revoke = useFormMutation(trpc.apiKeys.revoke.mutationOptions(), { refresh: true });
  return (
    <>
      {revoke.message && <span className="field-error">{revoke.message} </span>}
      <Button
        variant="danger"
        size="small"
        disabled={revoke.pending}
        aria-label={`Revoke API key ${name}`}
        onClick={() => {
          if (window.confirm(`Revoke “${name}”? Anything using it stops working at once.`))
            revoke.mutate({ id });
        }}
      >
        Revoke
      </Button>
    </>
  );
}
