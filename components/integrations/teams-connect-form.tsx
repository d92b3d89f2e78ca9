'use client';

import type { FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { connectTeamsSchema } from '@/server/domain/chat/inputs';

export function TeamsConnectForm({ replacing }: { replacing: boolean }) {
  const trpc = useTRPC();
  const connect = useFormMutation(trpc.integrations.connectTeams.mutationOptions(), {
    refresh: true,
    fields: ['webhookUrl'],
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { webhookUrl: String(new FormData(event.currentTarget).get('webhookUrl') ?? '') };
    if (connect.validate(connectTeamsSchema, input)) connect.mutate(input);
  }
  return (
    <form className="stack" aria-label="Connect Microsoft Teams" onSubmit={onSubmit}>
      <Field label="Incoming webhook URL" error={connect.fieldError('webhookUrl')}>
        <Input
          name="webhookUrl"
          autoComplete="off"
          placeholder="https://…webhook.office.com/…"
          required
        />
      </Field>
      <div>
        <Button variant="primary" type="submit" busy={connect.pending} busyLabel="Connecting…">
          {replacing ? 'Replace the webhook' : 'Connect Teams'}
        </Button>
      </div>
      <FormMessage message={connect.message} />
    </form>
  );
}
