'use client';

import { Input, Options, Select } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { PERSON_TYPES, type PersonType } from '@/server/domain/inventory/person';
import { PERSON_TYPE_LABELS } from './labels';
import { takesVendor, type PersonFormValues } from './person-form-values';

/** Who the person is: name, email, type (and their vendor), department and title. */
export function PersonProfileCard({
  initial,
  type,
  onType,
  vendors,
  errorFor,
}: {
  initial: PersonFormValues;
  type: PersonType;
  onType: (type: PersonType) => void;
  vendors: { id: string; name: string; status: string }[];
  errorFor: (name: string) => string | undefined;
}) {
  return (
    <div className="card stack">
      <h2>Profile</h2>
      <div className="form-grid align-start">
        <Field label="Full name" error={errorFor('fullName')}>
          <Input
            name="fullName"
            defaultValue={initial.fullName}
            required
            maxLength={200}
            autoComplete="off"
          />
        </Field>
        <Field label="Email" error={errorFor('email')}>
          <Input
            name="email"
            type="email"
            defaultValue={initial.email}
            required
            maxLength={254}
            autoComplete="off"
            placeholder="name@company.com"
          />
        </Field>
        <Field label="Type">
          <Select name="type" value={type} onChange={(e) => onType(e.target.value as PersonType)}>
            <Options values={PERSON_TYPES} labelOf={(t) => PERSON_TYPE_LABELS[t]} />
          </Select>
        </Field>
        {takesVendor(type) && (
          <Field label="Vendor" error={errorFor('vendorId')}>
            <Select
              name="vendorId"
              defaultValue={initial.vendorId ?? ''}
              required={type === 'vendor_staff'}
            >
              <option value="">{type === 'vendor_staff' ? 'Choose a vendor…' : 'None'}</option>
              {vendors.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.status === 'active' ? v.name : `${v.name} (${v.status})`}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field label="Department">
          <Input name="department" defaultValue={initial.department ?? ''} maxLength={120} />
        </Field>
        <Field label="Title">
          <Input name="title" defaultValue={initial.title ?? ''} maxLength={120} />
        </Field>
      </div>
    </div>
  );
}
