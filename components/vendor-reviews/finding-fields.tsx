'use client';

import { ChoiceField } from '@/components/ui/choice-field';
import { Select } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import {
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  type FindingSeverity,
  type FindingStatus,
} from '@/server/domain/vendor-reviews/review';
import { FINDING_STATUS_LABELS } from './labels';

export type Owner = { id: string; email: string };

export function SeveritySelect({
  value,
  onChange,
}: {
  value: FindingSeverity;
  onChange: (severity: FindingSeverity) => void;
}) {
  return (
    <ChoiceField
      label="Severity"
      name="severity"
      value={value}
      choices={FINDING_SEVERITIES}
      onChange={onChange}
    />
  );
}

export function StatusSelect({
  value,
  onChange,
}: {
  value: FindingStatus;
  onChange: (status: FindingStatus) => void;
}) {
  return (
    <ChoiceField
      label="Status"
      name="status"
      value={value}
      choices={FINDING_STATUSES}
      labelOf={(s) => FINDING_STATUS_LABELS[s]}
      onChange={onChange}
    />
  );
}

export function OwnerSelect({
  owners,
  value,
  onChange,
  none,
}: {
  owners: Owner[];
  value: string;
  onChange: (ownerUserId: string) => void;
  /** What choosing nobody is called here. */
  none: string;
}) {
  return (
    <Field label="Owner">
      <Select name="owner" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{none}</option>
        {owners.map((o) => (
          <option key={o.id} value={o.id}>
            {o.email}
          </option>
        ))}
      </Select>
    </Field>
  );
}
