'use client';

import type { FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { Input } from '@/components/ui/controls';
import { useFormMutation } from '@/components/ui/use-form-mutation';

/** Test, run now, pause or resume, a new token, and delete (asked first) for one connector. */
export function ConnectorActions({
  id,
  name,
  status,
}: {
  id: string;
  name: string;
  status: 'active' | 'paused' | 'needs_attention';
}) {
  const trpc = useTRPC();
  const test = useFormMutation(trpc.connectors.test.mutationOptions(), { refresh: true });
  const runNow = useFormMutation(trpc.connectors.runNow.mutationOptions(), { refresh: true });
  const pause = useFormMutation(trpc.connectors.pause.mutationOptions(), { refresh: true });
  const resume = useFormMutation(trpc.connectors.resume.mutationOptions(), { refresh: true });
  const replace = useFormMutation(trpc.connectors.replaceSecret.mutationOptions(), {
    refresh: true,
  });
  const remove = useFormMutation(trpc.connectors.remove.mutationOptions(), { refresh: true });
  const paused = status === 'paused';
  const toggle = status === 'active' ? pause : resume;

  function onReplace(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const secret = String(new FormData(element).get('secret') ?? '');
    replace.mutate({ id, secret }, { onSuccess: () => element.reset() });
  }

  return (
    <div className="stack">
      <div className="row">
        <Button
          size="small"
          busy={test.pending}
          busyLabel="Fetching…"
          aria-label={`Test connection of ${name}`}
          onClick={() => test.mutate({ id })}
        >
          Test connection
        </Button>
        {!paused && (
          <Button
            size="small"
            busy={runNow.pending}
            aria-label={`Run ${name} now`}
            onClick={() => runNow.mutate({ id })}
          >
            Run now
          </Button>
        )}
        <Button
          size="small"
          busy={toggle.pending}
          aria-label={`${status === 'active' ? 'Pause' : 'Resume'} ${name}`}
          onClick={() => toggle.mutate({ id })}
        >
          {status === 'active' ? 'Pause' : 'Resume'}
        </Button>
        <ConfirmAction
          label="Delete"
          groupLabel={`Confirm deleting ${name}`}
          prompt={`Delete “${name}”? It stops pulling; the events it brought stay.`}
          confirmLabel="Delete"
          keepLabel="Keep"
          pending={remove.pending}
          error={remove.message}
          onConfirm={() => remove.mutate({ id })}
        />
      </div>
      {status === 'needs_attention' && (
        <form className="row" onSubmit={onReplace} aria-label={`New token for ${name}`}>
          <Input
            name="secret"
            type="password"
            required
            autoComplete="off"
            placeholder="New API token"
            aria-label={`New API token for ${name}`}
          />
          <Button size="small" type="submit" busy={replace.pending}>
            Replace token
          </Button>
        </form>
      )}
      {test.data && (
        <span
          className={test.data.ok ? 'small' : 'field-error'}
          role="status"
          data-testid="connector-test-result"
        >
          {test.data.message}
        </span>
      )}
      {runNow.data && (
        <span className="small" role="status">
          {runNow.data.message}
        </span>
      )}
      <FormMessage
        message={test.message ?? runNow.message ?? toggle.message ?? replace.message}
        inline
      />
    </div>
  );
}
