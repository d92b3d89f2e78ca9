'use client';

import { type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox, Input, Select } from '@/components/ui/controls';
import { CopyButton } from '@/components/ui/copy-button';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import type { ApiKeyScope } from '@/server/domain/auth/secrets';

const EXPIRY_OPTIONS = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never' },
];

export function CreateApiKeyForm() {
  const trpc = useTRPC();
  const create = useFormMutation(trpc.apiKeys.create.mutationOptions(), { refresh: true });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const expiry = String(form.get('expiry'));
    create.mutate({
      name: String(form.get('name') ?? ''),
      scopes: form.getAll('scopes').map(String) as ApiKeyScope[],
      expiresInDays: expiry === 'never' ? null : Number(expiry),
    });
  }
  return (
    <div className="stack">
      <form className="form-grid" onSubmit={onSubmit}>
        <Field label="Name">
          <Input
            name="name"
            required
            minLength={2}
            maxLength={80}
            placeholder="e.g. Okta log forwarder"
          />
        </Field>
        <fieldset>
          <legend>Scopes</legend>
          <div className="row">
            <Checkbox name="scopes" value="ingest" defaultChecked label="ingest" />
            <Checkbox name="scopes" value="read" label="read" />
            <Checkbox name="scopes" value="scim" label="scim (provisioning)" />
            <Checkbox name="scopes" value="taxii" label="taxii" />
          </div>
        </fieldset>
        <Field label="Expires after">
          <Select name="expiry" defaultValue="365">
            {EXPIRY_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
        <div>
          <Button variant="primary" type="submit" busy={create.pending} busyLabel="Creating…">
            Create key
          </Button>
        </div>
      </form>
      <FormMessage message={create.message} />
      {create.data && (
        <Alert tone="warn" role="status" className="stack">
          <strong>Copy the key for “{create.data.name}” now. It will not be shown again.</strong>
          <div className="secret-box">
            <code data-testid="new-api-key">{create.data.key}</code>
            <CopyButton value={create.data.key} />
          </div>
        </Alert>
      )}
    </div>
  );
}
