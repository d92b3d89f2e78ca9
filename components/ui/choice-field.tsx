'use client';

import type { ReactNode } from 'react';
import { Options, Select } from './controls';
import { Field } from './field';

/** A labelled select over a fixed list of values (a severity, a status, a kind). */
export function ChoiceField<T extends string>({
  label,
  name,
  value,
  choices,
  labelOf,
  onChange,
  error,
  className,
}: {
  label: ReactNode;
  name?: string;
  value: T;
  choices: readonly T[];
  labelOf?: (value: T) => ReactNode;
  onChange: (value: T) => void;
  error?: string;
  className?: string;
}) {
  return (
    <Field label={label} error={error} className={className}>
      <Select name={name} value={value} onChange={(e) => onChange(e.target.value as T)}>
        <Options values={choices} labelOf={labelOf} />
      </Select>
    </Field>
  );
}
