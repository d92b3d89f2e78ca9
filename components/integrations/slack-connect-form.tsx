'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Radio } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { connectSlackSchema } from '@/server/domain/chat/inputs';

/** Connect (or replace) Slack: a bot token for approvals in Slack, or a webhook to notify only. */
export function SlackConnectForm({ replacing }: { replacing: boolean }) {
  const trpc = useTRPC();
  const connect = useFormMutation(trpc.integrations.connectSlack.mutationOptions(), {
    refresh: true,
    fields: ['botToken', 'signingSecret', 'teamId', 'channelId', 'webhookUrl'],
  });
  const [mode, setMode] = useState<'bot' | 'webhook'>('bot');
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const input =
      mode === 'bot'
        ? {
            mode,
            botToken: text('botToken'),
            signingSecret: text('signingSecret'),
            teamId: text('teamId'),
            channelId: text('channelId') || null,
          }
        : { mode, webhookUrl: text('webhookUrl') };
    if (connect.validate(connectSlackSchema, input)) connect.mutate(input);
  }
  return (
    <form className="stack" aria-label="Connect Slack" onSubmit={onSubmit}>
      <fieldset>
        <legend>How Vigil talks to Slack</legend>
        <div className="row">
          <Radio
            name="mode"
            value="bot"
            checked={mode === 'bot'}
            onChange={() => setMode('bot')}
            label="Slack app (DMs with Approve / Deny)"
          />
          <Radio
            name="mode"
            value="webhook"
            checked={mode === 'webhook'}
            onChange={() => setMode('webhook')}
            label="Incoming webhook (notify only)"
          />
        </div>
      </fieldset>
      {mode === 'bot' ? (
        <div className="form-grid">
          <Field label="Bot user OAuth token" error={connect.fieldError('botToken')}>
            <Input name="botToken" autoComplete="off" placeholder="xoxb-…" required />
          </Field>
          <Field label="Signing secret" error={connect.fieldError('signingSecret')}>
            <Input name="signingSecret" type="password" autoComplete="off" required />
          </Field>
          <Field
            label="Workspace (team) id"
            hint="Starts with T; checked against the token."
            error={connect.fieldError('teamId')}
          >
            <Input name="teamId" autoComplete="off" placeholder="T0123ABCD" required />
          </Field>
          <Field
            label="Channel for critical signals · optional"
            hint="Channel id (C…); invite the app to it."
            error={connect.fieldError('channelId')}
          >
            <Input name="channelId" autoComplete="off" placeholder="C0123ABCD" />
          </Field>
        </div>
      ) : (
        <Field label="Incoming webhook URL" error={connect.fieldError('webhookUrl')}>
          <Input
            name="webhookUrl"
            autoComplete="off"
            placeholder="https://hooks.slack.com/services/…"
            required
          />
        </Field>
      )}
      <div>
        <Button variant="primary" type="submit" busy={connect.pending} busyLabel="Connecting…">
          {replacing ? 'Replace Slack settings' : 'Connect Slack'}
        </Button>
      </div>
      <FormMessage message={connect.message} />
    </form>
  );
}
