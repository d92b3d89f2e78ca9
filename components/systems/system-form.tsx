'use client';

import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import type { z } from 'zod';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, Note } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Options, Select } from '@/components/ui/controls';
import { Field, FieldError } from '@/components/ui/field';
import { FormActions } from '@/components/ui/form-actions';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { useKeyedRows } from '@/components/ui/use-keyed-rows';
import { systemInputSchema } from '@/server/domain/inventory/inputs';
import { SENSITIVITIES, type Sensitivity } from '@/server/domain/inventory/system';
import { DATA_CLASSIFICATIONS, type DataClassification } from './labels';

type SystemInput = z.input<typeof systemInputSchema>;

export interface SystemFormValues {
  name: string;
  ownerUserId: string | null;
  criticality: Sensitivity;
  dataClassification: DataClassification;
  aliases: string[];
  privileges: { name: string; sensitivity: Sensitivity }[];
}

export const EMPTY_SYSTEM: SystemFormValues = {
  name: '',
  ownerUserId: null,
  criticality: 'medium',
  dataClassification: 'internal',
  aliases: [],
  privileges: [],
};

export function SystemForm({
  systemId,
  initial,
  owners,
}: {
  /** Absent when creating. */
  systemId?: string;
  initial: SystemFormValues;
  owners: { id: string; name: string; email: string }[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const privileges = useKeyedRows(initial.privileges);
  const rows = privileges.rows;
  const options = {
    onSuccess: ({ id }: { id: string }) => router.push(`/systems/${id}`),
    navigates: true,
  };
  const create = useFormMutation(trpc.systems.create.mutationOptions(), options);
  const update = useFormMutation(trpc.systems.update.mutationOptions(), options);
  const form = systemId ? update : create;
  const retiring = systemId
    ? initial.privileges.filter(
        (p) => !rows.some((r) => r.name.trim().toLowerCase() === p.name.toLowerCase()),
      )
    : [];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const input: SystemInput = {
      name: String(f.get('name') ?? '').trim(),
      ownerUserId: String(f.get('ownerUserId') ?? '') || undefined,
      criticality: String(f.get('criticality')) as Sensitivity,
      dataClassification: String(f.get('dataClassification')) as DataClassification,
      aliases: String(f.get('aliases') ?? '')
        .split(/[;,\n]/)
        .map((a) => a.trim())
        .filter(Boolean),
      privileges: rows
        .filter((r) => r.name.trim() !== '')
        .map((r) => ({ name: r.name.trim(), sensitivity: r.sensitivity })),
    };
    // Per-privilege problems (e.g. a name with a colon) are reported under "privileges".
    if (!form.validate(systemInputSchema, input)) return;
    if (systemId) update.mutate({ systemId, system: input });
    else create.mutate(input);
  }

  return (
    <form onSubmit={onSubmit} aria-label={systemId ? 'Edit system' : 'New system'} noValidate>
      <fieldset disabled={form.busy} className="bare">
        <div className="card stack">
          <h2>System</h2>
          <div className="form-grid align-start">
            <Field label="Name" error={form.fieldError('name')}>
              <Input
                name="name"
                defaultValue={initial.name}
                required
                maxLength={200}
                autoComplete="off"
              />
            </Field>
            <Field label="Owner">
              <Select name="ownerUserId" defaultValue={initial.ownerUserId ?? ''}>
                <option value="">No owner</option>
                {owners.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name} ({o.email})
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Criticality">
              <Select name="criticality" defaultValue={initial.criticality}>
                <Options values={SENSITIVITIES} />
              </Select>
            </Field>
            <Field label="Data classification">
              <Select name="dataClassification" defaultValue={initial.dataClassification}>
                <Options values={DATA_CLASSIFICATIONS} />
              </Select>
            </Field>
          </div>
          <Field label="Names in the logs" error={form.fieldError('aliases')}>
            <Input
              name="aliases"
              defaultValue={initial.aliases.join(', ')}
              placeholder="e.g. Okta app label, AWS account id (comma-separated)"
            />
          </Field>
          <Note>
            The owner approves access requests for this system. Log events naming the system or one
            of these aliases are attributed to it.
          </Note>
        </div>

        <div className="card stack">
          <div>
            <h2>Privileges</h2>
            <Note className="mt-4">
              The roles or permissions people can hold in this system. Removing one retires it:
              existing grants keep pointing at it, and it can be restored by adding the same name.
            </Note>
          </div>
          {rows.length === 0 ? (
            <Note>No privileges yet.</Note>
          ) : (
            <div className="stack gap-8">
              {rows.map((row, index) => (
                <div key={row.key} className="row no-wrap" data-testid="privilege-row">
                  <Input
                    aria-label={`Privilege ${index + 1} name`}
                    value={row.name}
                    maxLength={120}
                    placeholder="e.g. approve_payment"
                    className="grow"
                    autoComplete="off"
                    onChange={(e) => privileges.update(row.key, { name: e.target.value })}
                  />
                  <Select
                    aria-label={`Privilege ${index + 1} sensitivity`}
                    value={row.sensitivity}
                    className="privilege-sensitivity"
                    onChange={(e) =>
                      privileges.update(row.key, { sensitivity: e.target.value as Sensitivity })
                    }
                  >
                    <Options values={SENSITIVITIES} />
                  </Select>
                  <Button
                    size="small"
                    aria-label={`Remove privilege ${index + 1}`}
                    onClick={() => privileges.remove(row.key)}
                  >
                    Remove
                  </Button>
                </div>
              ))}
            </div>
          )}
          <FieldError message={form.fieldError('privileges')} />
          {retiring.length > 0 && (
            <Alert tone="warn" className="small">
              Saving retires {retiring.map((p) => p.name).join(', ')}.
            </Alert>
          )}
          <div>
            <Button
              size="small"
              disabled={rows.length >= 200}
              onClick={() => privileges.add({ name: '', sensitivity: 'medium' })}
            >
              Add privilege
            </Button>
          </div>
        </div>
      </fieldset>

      <FormActions
        clientErrors={form.invalid}
        serverError={form.error?.message}
        busy={form.busy}
        submitLabel={systemId ? 'Save changes' : 'Create system'}
        cancelHref={systemId ? `/systems/${systemId}` : '/systems'}
      />
    </form>
  );
}
