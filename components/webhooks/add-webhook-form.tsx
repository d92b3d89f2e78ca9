'use client';

import { type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import type { OutboundEventType } from '@/server/domain/outbound/events';
import { EventChecks } from './event-checks';
import { NewSecret } from './new-secret';

export function AddWebhookForm() {
  const trpc = useTRPC();
  const add = useFormMutation(trpc.webhooks.add.mutationOptions(), { refresh: true });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    add.mutate({
      url: String(form.get('url') ?? ''),
      description: String(form.get('description') ?? ''),
      events: form.getAll('events').map(String) as OutboundEventType[],
    });
  }
  return (
    <div className="stack">
      <form className="stack" onSubmit={onSubmit}>
        <div className="form-grid">
          <Field label="URL" error={add.fieldError('url')}>
            <Input
              name="url"
              type="url"
              required
              maxLength={2000}
              placeholder="https://hooks.example.com/vigil"
            />
          </Field>
          <Field label="Description" error={add.fieldError('description')}>
            <Input name="description" maxLength={200} placeholder="e.g. SOAR playbook intake" />
          </Field>
        </div>
        <EventChecks name="events" />
        <FormMessage message={add.fieldError('events') ?? null} />
        <div>
          <Button variant="primary" type="submit" busy={add.pending} busyLabel="Adding…">
            Add endpoint
          </Button>
        </div>
      </form>
      <FormMessage message={add.message} />
      {add.data?.secret && <NewSecret label={add.data.url} secret={add.data.secret} />}
    </div>
  );
}
