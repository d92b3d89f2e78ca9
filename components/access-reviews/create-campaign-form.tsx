'use client';

import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { SENSITIVITIES, type Sensitivity } from '@/server/domain/inventory/system';

interface Option {
  id: string;
  name: string;
}

/** A draft campaign: scope (systems, vendors, minimum sensitivity), due date, live count. */
export function CreateCampaignForm({
  systems,
  vendors,
  defaultDueDate,
}: {
  systems: Option[];
  vendors: Option[];
  defaultDueDate: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState('');
  const [dueDate, setDueDate] = useState(defaultDueDate);
  const [systemIds, setSystemIds] = useState<string[]>([]);
  const [vendorIds, setVendorIds] = useState<string[]>([]);
  const [minSensitivity, setMinSensitivity] = useState<Sensitivity>('low');
  const scope = { systemIds, vendorIds, minSensitivity };
  const count = useQuery({
    ...trpc.accessReviews.scopeCount.queryOptions(scope),
    placeholderData: keepPreviousData,
  });
  const create = useMutation(
    trpc.accessReviews.create.mutationOptions({
      onSuccess: ({ id }) => router.push(`/reviews/campaigns/${id}`),
    }),
  );
  const fieldErrors: Record<string, string[] | undefined> = create.error?.data?.fieldErrors ?? {};
  const toggle = (list: string[], set: (v: string[]) => void, id: string) =>
    set(list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ name, dueDate, scope });
  }
  return (
    <form className="stack" aria-label="New access review" onSubmit={onSubmit}>
      <div className="form-grid">
        <label>
          Name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Q3 privileged access review"
            maxLength={200}
            aria-invalid={fieldErrors.name ? true : undefined}
          />
          {fieldErrors.name?.[0] && <span className="field-error">{fieldErrors.name[0]}</span>}
        </label>
        <label>
          Due date
          <input
            type="date"
            value={dueDate}
            onChange={(e) => setDueDate(e.target.value)}
            aria-invalid={fieldErrors.dueDate ? true : undefined}
          />
          {fieldErrors.dueDate?.[0] && (
            <span className="field-error">{fieldErrors.dueDate[0]}</span>
          )}
        </label>
        <label>
          Minimum sensitivity
          <select
            value={minSensitivity}
            onChange={(e) => setMinSensitivity(e.target.value as Sensitivity)}
          >
            {SENSITIVITIES.map((s) => (
              <option key={s} value={s}>
                {s === 'low' ? 'Any sensitivity' : `${s} and above`}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="stack">
        <legend>Systems {systemIds.length === 0 && <span className="muted">(all)</span>}</legend>
        <div className="check-grid">
          {systems.map((s) => (
            <label key={s.id} className="check">
              <input
                type="checkbox"
                checked={systemIds.includes(s.id)}
                onChange={() => toggle(systemIds, setSystemIds, s.id)}
              />
              {s.name}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="stack">
        <legend>
          Vendors{' '}
          {vendorIds.length === 0 && <span className="muted">(everyone, staff included)</span>}
        </legend>
        <div className="check-grid">
          {vendors.map((v) => (
            <label key={v.id} className="check">
              <input
                type="checkbox"
                checked={vendorIds.includes(v.id)}
                onChange={() => toggle(vendorIds, setVendorIds, v.id)}
              />
              {v.name}
            </label>
          ))}
        </div>
      </fieldset>
      <p className="small" data-testid="scope-count" aria-live="polite">
        {count.data
          ? `${count.data.grants} live grant${count.data.grants === 1 ? '' : 's'} held by ${count.data.people} ${count.data.people === 1 ? 'person' : 'people'} in scope now. Launching snapshots them as they are then.`
          : 'Counting grants in scope…'}
      </p>
      {create.error && !fieldErrors.name && !fieldErrors.dueDate && (
        <div className="alert alert-error" role="alert">
          {create.error.message}
        </div>
      )}
      <div className="row">
        <button className="btn btn-primary" type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create draft'}
        </button>
      </div>
    </form>
  );
}
