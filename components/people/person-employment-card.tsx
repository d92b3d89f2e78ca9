'use client';

import { Input, Options, Select } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { WORK_MODES } from '@/server/domain/inventory/person';
import { WORK_MODE_LABELS } from './labels';
import type { PersonFormValues } from './person-form-values';

/** Where and how the person works: manager, dates, work mode, location, country, time zone. */
export function PersonEmploymentCard({
  initial,
  managers,
  timezones,
  errorFor,
}: {
  initial: PersonFormValues;
  managers: { id: string; fullName: string; email: string }[];
  timezones: string[];
  errorFor: (name: string) => string | undefined;
}) {
  return (
    <div className="card stack">
      <h2>Employment</h2>
      <div className="form-grid align-start">
        <Field label="Manager" error={errorFor('managerId')}>
          <Select name="managerId" defaultValue={initial.managerId ?? ''}>
            <option value="">No manager</option>
            {managers.map((m) => (
              <option key={m.id} value={m.id}>
                {m.fullName} ({m.email})
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Start date" error={errorFor('startDate')}>
          <Input name="startDate" type="date" defaultValue={initial.startDate ?? ''} />
        </Field>
        <Field label="End date" error={errorFor('endDate')}>
          <Input name="endDate" type="date" defaultValue={initial.endDate ?? ''} />
        </Field>
        <Field label="Work mode">
          <Select name="workMode" defaultValue={initial.workMode ?? ''}>
            <option value="">Not recorded</option>
            <Options values={WORK_MODES} labelOf={(m) => WORK_MODE_LABELS[m]} />
          </Select>
        </Field>
        <Field label="Location">
          <Input
            name="location"
            defaultValue={initial.location ?? ''}
            maxLength={200}
            placeholder="City or office"
          />
        </Field>
        <Field label="Country" error={errorFor('country')}>
          <Input
            name="country"
            defaultValue={initial.country ?? ''}
            maxLength={2}
            placeholder="Two letters, e.g. PH"
            autoComplete="off"
          />
        </Field>
        <Field label="Time zone" error={errorFor('timezone')}>
          <Input
            name="timezone"
            defaultValue={initial.timezone ?? ''}
            list="person-timezones"
            placeholder="e.g. Asia/Manila"
            autoComplete="off"
          />
        </Field>
      </div>
      <datalist id="person-timezones">
        {timezones.map((tz) => (
          <option key={tz} value={tz} />
        ))}
      </datalist>
    </div>
  );
}
