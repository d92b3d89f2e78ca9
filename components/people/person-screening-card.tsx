'use client';

import { Checkbox, Input, Options, Select } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { formatDateTime } from '@/components/ui/format';
import { BACKGROUND_CHECK_STATUSES } from '@/server/domain/inventory/person';
import { BACKGROUND_CHECK_LABELS } from './labels';
import type { PersonFormValues } from './person-form-values';

/** Identity verification and the background check. */
export function PersonScreeningCard({
  initial,
  errorFor,
}: {
  initial: PersonFormValues;
  errorFor: (name: string) => string | undefined;
}) {
  return (
    <div className="card stack">
      <h2>Screening</h2>
      <Checkbox
        name="identityVerified"
        defaultChecked={initial.identityVerifiedAt !== null}
        label={
          <>
            Identity verified
            {initial.identityVerifiedAt && (
              <span className="muted small">
                (since {formatDateTime(initial.identityVerifiedAt)})
              </span>
            )}
          </>
        }
      />
      <div className="form-grid align-start">
        <Field label="Background check">
          <Select name="backgroundCheckStatus" defaultValue={initial.backgroundCheckStatus}>
            <Options
              values={BACKGROUND_CHECK_STATUSES}
              labelOf={(s) => BACKGROUND_CHECK_LABELS[s]}
            />
          </Select>
        </Field>
        <Field label="Background check date" error={errorFor('backgroundCheckAt')}>
          <Input
            name="backgroundCheckAt"
            type="date"
            defaultValue={initial.backgroundCheckAt ?? ''}
          />
        </Field>
      </div>
    </div>
  );
}
