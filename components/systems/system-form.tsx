'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { useTRPC } from '@/components/providers/trpc-provider';
import { systemInputSchema } from '@/server/domain/inventory/inputs';
import { SENSITIVITIES, type Sensitivity } from '@/server/domain/inventory/system';
import { DATA_CLASSIFICATIONS, type DataClassification } from './labels';
import { FormActions } from '@/components/ui/form-actions';

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

interface PrivilegeRow {
  key: number;
  name: string;
  sensitivity: Sensitivity;
}

type FieldErrors = Partial<Record<string, string[]>>;

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
  const nextKey = useRef(initial.privileges.length);
  const [rows, setRows] = useState<PrivilegeRow[]>(() =>
    initial.privileges.map((p, key) => ({ key, ...p })),
  );
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const onSuccess = ({ id }: { id: string }) => router.push(`/systems/${id}`);
  const create = useMutation(trpc.systems.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.systems.update.mutationOptions({ onSuccess }));
  const mutation = systemId ? update : create;
  const serverErrors = (mutation.error?.data as { fieldErrors?: FieldErrors } | undefined)
    ?.fieldErrors;
  const fieldErrors: FieldErrors = clientErrors ?? serverErrors ?? {};
  const busy = mutation.isPending || mutation.isSuccess;
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
    const checked = systemInputSchema.safeParse(input);
    if (!checked.success) {
      const flat = z.flattenError(checked.error).fieldErrors as FieldErrors;
      // Per-privilege problems (e.g. a name with a colon) are reported under "privileges".
      const privilegeIssue = checked.error.issues.find((i) => i.path[0] === 'privileges');
      setClientErrors({
        ...flat,
        privileges: privilegeIssue ? [privilegeIssue.message] : undefined,
      });
      mutation.reset();
      return;
    }
    setClientErrors(null);
    if (systemId) update.mutate({ systemId, system: input });
    else create.mutate(input);
  }

  const err = (name: string) =>
    fieldErrors[name]?.[0] && (
      <span className="field-error" id={`${name}-error`}>
        {fieldErrors[name]?.[0]}
      </span>
    );

  return (
    <form onSubmit={onSubmit} aria-label={systemId ? 'Edit system' : 'New system'} noValidate>
      <fieldset disabled={busy} style={{ border: 'none', padding: 0, margin: 0, minWidth: 0 }}>
        <div className="card stack">
          <h2>System</h2>
          <div className="form-grid" style={{ alignItems: 'start' }}>
            <label>
              Name
              <input
                name="name"
                defaultValue={initial.name}
                required
                maxLength={200}
                autoComplete="off"
                aria-invalid={fieldErrors.name ? true : undefined}
              />
              {err('name')}
            </label>
            <label>
              Owner
              <select name="ownerUserId" defaultValue={initial.ownerUserId ?? ''}>
                <option value="">No owner</option>
                {owners.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name} ({o.email})
                  </option>
                ))}
              </select>
            </label>
            <label>
              Criticality
              <select name="criticality" defaultValue={initial.criticality}>
                {SENSITIVITIES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Data classification
              <select name="dataClassification" defaultValue={initial.dataClassification}>
                {DATA_CLASSIFICATIONS.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label>
            Names in the logs
            <input
              name="aliases"
              defaultValue={initial.aliases.join(', ')}
              placeholder="e.g. Okta app label, AWS account id (comma-separated)"
            />
            {fieldErrors.aliases?.[0] && (
              <span className="field-error">{fieldErrors.aliases[0]}</span>
            )}
          </label>
          <p className="muted small" style={{ margin: 0 }}>
            The owner approves access requests for this system. Log events naming the system or one
            of these aliases are attributed to it.
          </p>
        </div>

        <div className="card stack">
          <div>
            <h2>Privileges</h2>
            <p className="muted small" style={{ margin: '4px 0 0' }}>
              The roles or permissions people can hold in this system. Removing one retires it:
              existing grants keep pointing at it, and it can be restored by adding the same name.
            </p>
          </div>
          {rows.length === 0 ? (
            <p className="muted small" style={{ margin: 0 }}>
              No privileges yet.
            </p>
          ) : (
            <div className="stack" style={{ gap: 8 }}>
              {rows.map((row, index) => (
                <div
                  key={row.key}
                  className="row"
                  style={{ flexWrap: 'nowrap' }}
                  data-testid="privilege-row"
                >
                  <input
                    aria-label={`Privilege ${index + 1} name`}
                    value={row.name}
                    maxLength={120}
                    placeholder="e.g. approve_payment"
                    style={{ flex: 1 }}
                    autoComplete="off"
                    onChange={(e) =>
                      setRows((all) =>
                        all.map((r) => (r.key === row.key ? { ...r, name: e.target.value } : r)),
                      )
                    }
                  />
                  <select
                    aria-label={`Privilege ${index + 1} sensitivity`}
                    value={row.sensitivity}
                    style={{ width: 130, flex: 'none' }}
                    onChange={(e) =>
                      setRows((all) =>
                        all.map((r) =>
                          r.key === row.key
                            ? { ...r, sensitivity: e.target.value as Sensitivity }
                            : r,
                        ),
                      )
                    }
                  >
                    {SENSITIVITIES.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Remove privilege ${index + 1}`}
                    onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
                  >
                    Remove
                  </button>
                </div>
              ))}
            </div>
          )}
          {err('privileges')}
          {retiring.length > 0 && (
            <div className="alert alert-warn small">
              Saving retires {retiring.map((p) => p.name).join(', ')}.
            </div>
          )}
          <div>
            <button
              type="button"
              className="btn btn-small"
              disabled={rows.length >= 200}
              onClick={() =>
                setRows((all) => [
                  ...all,
                  { key: nextKey.current++, name: '', sensitivity: 'medium' },
                ])
              }
            >
              Add privilege
            </button>
          </div>
        </div>
      </fieldset>

      <FormActions
        clientErrors={Boolean(clientErrors)}
        serverError={mutation.error?.message}
        busy={busy}
        submitLabel={systemId ? 'Save changes' : 'Create system'}
        cancelHref={systemId ? `/systems/${systemId}` : '/systems'}
      />
    </form>
  );
}
