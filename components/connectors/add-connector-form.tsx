'use client';

import type { FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { createConnectorSchema } from '@/server/domain/connectors/inputs';
import { CONNECTOR_KIND_INFO, CONNECTOR_KINDS } from '@/server/domain/connectors/kinds';

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

/** The add-connector form: kind, name, the provider's URL and token, and how often it runs. */
export function AddConnectorForm() {
  const trpc = useTRPC();
  const create = useFormMutation(trpc.connectors.create.mutationOptions(), { refresh: true });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const input = {
      kind: text(form, 'kind'),
      name: text(form, 'name'),
      secret: text(form, 'secret'),
      intervalMinutes: text(form, 'intervalMinutes'),
      settings: { url: text(form, 'url') },
    };
    if (!create.validate(createConnectorSchema, input)) return;
    create.mutate(input as never, { onSuccess: () => element.reset() });
  }

  return (
    <div className="stack">
      <form className="form-grid form-grid-top" onSubmit={onSubmit} aria-label="Add a connector">
        <Field label="Kind">
          <Select name="kind" defaultValue="okta">
            {CONNECTOR_KINDS.map((k) => (
              <option key={k} value={k}>
                {CONNECTOR_KIND_INFO[k].label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Name" error={create.fieldError('name')}>
          <Input name="name" required maxLength={80} placeholder="e.g. Okta production" />
        </Field>
        <Field
          label="Okta URL"
          error={create.fieldError('settings.url')}
          hint="Your Okta org; a preview org works too."
        >
          <Input name="url" required placeholder="https://acme.okta.com" />
        </Field>
        <Field
          label="API token"
          error={create.fieldError('secret')}
          hint="A read-only admin's token, stored encrypted."
        >
          <Input name="secret" type="password" required autoComplete="off" />
        </Field>
        <Field
          label="Every (minutes)"
          error={create.fieldError('intervalMinutes')}
          hint="How often it pulls new events."
        >
          <Input name="intervalMinutes" inputMode="numeric" defaultValue="15" />
        </Field>
        <div className="span-all">
          <Button variant="primary" type="submit" busy={create.pending} busyLabel="Adding…">
            Add connector
          </Button>
        </div>
      </form>
      <FormMessage message={create.message} />
      {create.data && (
        <Alert tone="ok" role="status">
          Added “{create.data.name}”. Its first run is queued; use “Test connection” to check it.
        </Alert>
      )}
    </div>
  );
}
