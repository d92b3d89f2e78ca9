'use client';

import { Textarea } from './controls';
import { Field } from './field';

/** The "why" textarea every decision form asks for, with its validation message under it. */
export function ReasonField({
  label,
  name = 'reason',
  value,
  onChange,
  placeholder,
  error,
}: {
  label: string;
  name?: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  error: string | undefined;
}) {
  return (
    <Field label={label} error={error}>
      <Textarea
        name={name}
        rows={2}
        maxLength={2000}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
      />
    </Field>
  );
}
