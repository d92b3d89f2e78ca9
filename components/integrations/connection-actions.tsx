'use client';

import type { FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { Input } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { setSlackChannelSchema } from '@/server/domain/chat/inputs';
import { CHAT_KIND_LABELS, type ChatKind } from '@/server/domain/chat/kinds';

/** "Send test message" and "Disconnect" for one connection. */
export function ConnectionActions({ kind }: { kind: ChatKind }) {
  const trpc = useTRPC();
  const test = useFormMutation(trpc.integrations.sendTest.mutationOptions(), { refresh: true });
  const disconnect = useFormMutation(trpc.integrations.disconnect.mutationOptions(), {
    refresh: true,
  });
  return (
    <div className="stack">
      <div className="row">
        <Button
          size="small"
          busy={test.pending}
          busyLabel="Sending…"
          onClick={() => test.mutate({ kind })}
        >
          Send test message
        </Button>
        <ConfirmAction
          label="Disconnect"
          groupLabel={`Confirm disconnecting ${CHAT_KIND_LABELS[kind]}`}
          prompt="Vigil stops posting and forgets the stored secrets."
          confirmLabel="Disconnect"
          keepLabel="Keep"
          pending={disconnect.pending}
          error={disconnect.message}
          onConfirm={() => disconnect.mutate({ kind })}
        />
      </div>
      {test.data && (
        <Alert tone="ok" role="status" testId={`${kind}-test-sent`}>
          Test message sent to {test.data.sentTo}.
        </Alert>
      )}
      <FormMessage message={test.message} testId={`${kind}-test-error`} />
    </div>
  );
}

/** The channel a bot-mode Slack connection posts critical signals, escalations and cases to. */
export function SlackChannelForm({ channelId }: { channelId: string | null }) {
  const trpc = useTRPC();
  const save = useFormMutation(trpc.integrations.setSlackChannel.mutationOptions(), {
    refresh: true,
    fields: ['channelId'],
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('channelId') ?? '').trim();
    const input = { channelId: value || null };
    if (save.validate(setSlackChannelSchema, input)) save.mutate(input);
  }
  return (
    <form className="row" aria-label="Slack channel" onSubmit={onSubmit}>
      <Field
        label="Channel for critical signals"
        hint="A channel id (C…); leave empty for none."
        error={save.fieldError('channelId')}
      >
        <Input name="channelId" defaultValue={channelId ?? ''} placeholder="C0123ABCD" />
      </Field>
      <Button size="small" type="submit" busy={save.pending} busyLabel="Saving…">
        Save channel
      </Button>
      <FormMessage message={save.message} inline />
    </form>
  );
}
