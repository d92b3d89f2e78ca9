'use client';

import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';

/** Mails a new link to the person's current address; the one sent before stops working. */
export function ResendButton({ requestId, name }: { requestId: string; name: string }) {
  const trpc = useTRPC();
  const resend = useFormMutation(trpc.attestations.resend.mutationOptions(), { refresh: true });
  return (
    <span className="stack gap-2">
      <Button
        size="small"
        busy={resend.pending}
        busyLabel="Sending…"
        aria-label={`Resend the link to ${name}`}
        onClick={() => resend.mutate({ requestId })}
      >
        Resend link
      </Button>
      {resend.data && (
        <span className="small muted" role="status">
          {resend.data.previousTo
            ? `New link sent to ${resend.data.to} (was ${resend.data.previousTo})`
            : `New link sent to ${resend.data.to}`}
        </span>
      )}
      <FieldError message={resend.message} />
    </span>
  );
}
