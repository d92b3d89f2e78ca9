'use client';

import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { useFormMutation } from '@/components/ui/use-form-mutation';

/** Test, pause or resume, and delete (asked first) for one destination; admins only. */
export function SiemDestinationActions({
  id,
  name,
  paused,
}: {
  id: string;
  name: string;
  paused: boolean;
}) {
  const trpc = useTRPC();
  const test = useFormMutation(trpc.siem.test.mutationOptions(), { refresh: true });
  const pause = useFormMutation(trpc.siem.pause.mutationOptions(), { refresh: true });
  const resume = useFormMutation(trpc.siem.resume.mutationOptions(), { refresh: true });
  const remove = useFormMutation(trpc.siem.remove.mutationOptions(), { refresh: true });
  const toggle = paused ? resume : pause;
  return (
    <div className="stack">
      <div className="row">
        <Button
          size="small"
          busy={test.pending}
          busyLabel="Sending…"
          aria-label={`Test connection of ${name}`}
          onClick={() => test.mutate({ id })}
        >
          Test connection
        </Button>
        <Button
          size="small"
          busy={toggle.pending}
          aria-label={`${paused ? 'Resume' : 'Pause'} ${name}`}
          onClick={() => toggle.mutate({ id })}
        >
          {paused ? 'Resume' : 'Pause'}
        </Button>
        <ConfirmAction
          label="Delete"
          groupLabel={`Confirm deleting ${name}`}
          prompt={`Delete “${name}”? Streaming to it stops; its checkpoints are lost.`}
          confirmLabel="Delete"
          keepLabel="Keep"
          pending={remove.pending}
          error={remove.message}
          onConfirm={() => remove.mutate({ id })}
        />
      </div>
      {test.data && (
        <span
          className={test.data.ok ? 'small' : 'field-error'}
          role="status"
          data-testid="siem-test-result"
        >
          {test.data.message}
        </span>
      )}
      <FormMessage message={test.message ?? toggle.message} inline />
    </div>
  );
}
