'use client';

import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { NewSecret } from './new-secret';

/** Test, pause or resume, rotate the secret, delete: what an admin does to one endpoint. */
export function EndpointActions({
  id,
  url,
  status,
}: {
  id: string;
  url: string;
  status: 'active' | 'paused';
}) {
  const trpc = useTRPC();
  const test = useFormMutation(trpc.webhooks.test.mutationOptions(), { refresh: true });
  const setStatus = useFormMutation(trpc.webhooks.setStatus.mutationOptions(), { refresh: true });
  const rotate = useFormMutation(trpc.webhooks.rotateSecret.mutationOptions(), { refresh: true });
  const remove = useFormMutation(trpc.webhooks.delete.mutationOptions(), { refresh: true });
  const paused = status === 'paused';
  return (
    <div className="stack">
      <div className="row gap-8" role="group" aria-label={`Actions for ${url}`}>
        <Button
          size="small"
          disabled={paused}
          busy={test.pending}
          busyLabel="Queuing…"
          onClick={() => test.mutate({ endpointId: id })}
        >
          Send test
        </Button>
        <Button
          size="small"
          busy={setStatus.pending}
          onClick={() => setStatus.mutate({ endpointId: id, status: paused ? 'active' : 'paused' })}
        >
          {paused ? 'Resume' : 'Pause'}
        </Button>
        <ConfirmAction
          label="Rotate secret"
          groupLabel="Confirm rotating the secret"
          prompt="The receiver must switch to the new secret at once."
          confirmLabel="Rotate"
          keepLabel="Keep"
          pending={rotate.pending}
          error={rotate.message}
          onConfirm={() => rotate.mutate({ endpointId: id })}
        />
        <ConfirmAction
          label="Delete"
          groupLabel="Confirm deleting the endpoint"
          prompt="Delete the endpoint and its delivery log?"
          confirmLabel="Delete"
          keepLabel="Keep"
          pending={remove.pending}
          error={remove.message}
          onConfirm={() => remove.mutate({ endpointId: id })}
        />
      </div>
      {test.done && !test.message && (
        <p className="small muted" role="status">
          Test queued: it appears in the delivery log in a few seconds.
        </p>
      )}
      <FormMessage message={test.message ?? setStatus.message} />
      {rotate.data && <NewSecret label={url} secret={rotate.data.secret} />}
    </div>
  );
}
