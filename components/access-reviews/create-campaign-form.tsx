'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox, Input, Options, Select } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
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
  const create = useFormMutation(trpc.accessReviews.create.mutationOptions(), {
    fields: ['name', 'dueDate'],
    onSuccess: ({ id }) => router.push(`/reviews/campaigns/${id}`),
  });
  const toggle = (list: string[], set: (v: string[]) => void, id: string) =>
    set(list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ name, dueDate, scope });
  }
  return (
    <form className="stack" aria-label="New access review" onSubmit={onSubmit}>
      <div className="form-grid">
        <Field label="Name" error={create.fieldError('name')}>
          <Input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Q3 privileged access review"
            maxLength={200}
          />
        </Field>
        <Field label="Due date" error={create.fieldError('dueDate')}>
          <Input type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </Field>
        <Field label="Minimum sensitivity">
          <Select
            value={minSensitivity}
            onChange={(e) => setMinSensitivity(e.target.value as Sensitivity)}
          >
            <Options
              values={SENSITIVITIES}
              labelOf={(s) => (s === 'low' ? 'Any sensitivity' : `${s} and above`)}
            />
          </Select>
        </Field>
      </div>
      <fieldset className="stack">
        <legend>Systems {systemIds.length === 0 && <span className="muted">(all)</span>}</legend>
        <div className="check-grid">
          {systems.map((s) => (
            <Checkbox
              key={s.id}
              checked={systemIds.includes(s.id)}
              onChange={() => toggle(systemIds, setSystemIds, s.id)}
              label={s.name}
            />
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
            <Checkbox
              key={v.id}
              checked={vendorIds.includes(v.id)}
              onChange={() => toggle(vendorIds, setVendorIds, v.id)}
              label={v.name}
            />
          ))}
        </div>
      </fieldset>
      <p className="small" data-testid="scope-count" aria-live="polite">
        {count.data
          ? `${count.data.grants} live grant${count.data.grants === 1 ? '' : 's'} held by ${count.data.people} ${count.data.people === 1 ? 'person' : 'people'} in scope now. Launching snapshots them as they are then.`
          : 'Counting grants in scope…'}
      </p>
      <FormMessage message={create.message} />
      <div className="row">
        <Button variant="primary" type="submit" busy={create.pending} busyLabel="Creating…">
          Create draft
        </Button>
      </div>
    </form>
  );
}
