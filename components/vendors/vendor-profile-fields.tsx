'use client';

import { Input, Select, Textarea } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { CategoryChecks } from './category-checks';
import type { VendorFormValues } from './form-values';

export type ProfileValues = Pick<
  VendorFormValues,
  | 'name'
  | 'country'
  | 'services'
  | 'dataCategories'
  | 'contractStart'
  | 'contractEnd'
  | 'ownerUserId'
>;

export interface Owner {
  id: string;
  name: string;
  email: string;
}

/** The vendor's profile: who they are, who owns them here, the contract, the data processed. */
export function VendorProfileFields({
  value,
  onChange,
  owners,
  errorFor,
}: {
  value: ProfileValues;
  onChange: (patch: Partial<ProfileValues>) => void;
  owners: Owner[];
  errorFor: (path: string) => string | undefined;
}) {
  return (
    <fieldset className="stack">
      <legend>Profile</legend>
      <div className="profile-grid">
        <Field label="Name" error={errorFor('name')} className="span-2">
          <Input
            name="name"
            value={value.name}
            onChange={(e) => onChange({ name: e.target.value })}
            required
            maxLength={200}
            autoComplete="off"
          />
        </Field>
        <Field label="Owner" error={errorFor('ownerUserId')} className="span-2">
          <Select
            name="ownerUserId"
            value={value.ownerUserId}
            onChange={(e) => onChange({ ownerUserId: e.target.value })}
          >
            <option value="">No owner</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.email})
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label={
            <span>
              Country<span className="muted small"> · 2-letter ISO code</span>
            </span>
          }
          error={errorFor('country')}
        >
          <Input
            name="country"
            value={value.country}
            onChange={(e) => onChange({ country: e.target.value.toUpperCase() })}
            maxLength={2}
            placeholder="e.g. PH"
            autoComplete="off"
          />
        </Field>
        <Field label="Contract start" error={errorFor('contractStart')}>
          <Input
            type="date"
            name="contractStart"
            value={value.contractStart}
            onChange={(e) => onChange({ contractStart: e.target.value })}
          />
        </Field>
        <Field label="Contract end" error={errorFor('contractEnd')}>
          <Input
            type="date"
            name="contractEnd"
            value={value.contractEnd}
            onChange={(e) => onChange({ contractEnd: e.target.value })}
          />
        </Field>
      </div>
      <Field label="Services" error={errorFor('services')}>
        <Textarea
          name="services"
          value={value.services}
          onChange={(e) => onChange({ services: e.target.value })}
          rows={2}
          maxLength={2000}
          placeholder="What the vendor does for you"
        />
      </Field>
      <CategoryChecks
        legend="Data categories processed"
        name="dataCategories"
        value={value.dataCategories}
        onChange={(dataCategories) => onChange({ dataCategories })}
        error={errorFor('dataCategories')}
      />
    </fieldset>
  );
}
