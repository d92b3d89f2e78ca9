'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { CopyButton } from '@/components/ui/copy-button';

const EXPIRY_OPTIONS = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never' },
];

export function CreateApiKeyForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const expiry = String(form.get('expiry'));
    create.mutate({
      name: String(form.get('name') ?? ''),
      scopes: form.getAll('scopes').map(String) as ('ingest' | 'read')[],
      expiresInDays: expiry === 'never' ? null : Number(expiry),
    });
  }
  return (
    <div className="stack">
      <form className="form-grid" onSubmit={onSubmit}>
        <label>
          Name
          <input
            name="name"
            required
            minLength={2}
            maxLength={80}
            placeholder="e.g. Okta log forwarder"
          />
        </label>
        <fieldset>
          <legend>Scopes</legend>
          <div className="row">
            <label className="check">
              <input type="checkbox" name="scopes" value="ingest" defaultChecked /> ingest
            </label>
            <label className="check">
              <input type="checkbox" name="scopes" value="read" /> read
            </label>
          </div>
        </fieldset>
        <label>
          Expires after
          <select name="expiry" defaultValue="365">
            {EXPIRY_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <div>
          <button className="btn btn-primary" type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create key'}
          </button>
        </div>
      </form>
      {create.error && (
        <div className="alert alert-error" role="alert">
          {create.error.message}
        </div>
      )}
      {create.data && (
        <div className="alert alert-warn stack" role="status">
          <strong>Copy the key for “{create.data.name}” now. It will not be shown again.</strong>
          <div className="secret-box">
            <code data-testid="new-api-key">{create.data.key}</code>
            <CopyButton value={create.data.key} />
          </div>
        </div>
      )}
    </div>
  );
}
