'use client';

import type { ComponentProps, ReactNode } from 'react';
import { cx } from './cx';
import { useFieldControl } from './field';

/** A text-like input; inside a `<Field>` it takes the field's id, description and validity. */
export function Input(props: ComponentProps<'input'>) {
  return <input {...useFieldControl(props)} />;
}

export function Textarea(props: ComponentProps<'textarea'>) {
  return <textarea {...useFieldControl(props)} />;
}

export function Select(props: ComponentProps<'select'>) {
  return <select {...useFieldControl(props)} />;
}

/** The options of a select over a fixed list of values, each shown by `labelOf`. */
export function Options<T extends string>({
  values,
  labelOf = (v) => v,
}: {
  values: readonly T[];
  labelOf?: (value: T) => ReactNode;
}) {
  return values.map((v) => (
    <option key={v} value={v}>
      {labelOf(v)}
    </option>
  ));
}

type Choice = Omit<ComponentProps<'input'>, 'type'> & { label: ReactNode; labelClassName?: string };

/** A checkbox with its label to the right. */
export function Checkbox({ label, labelClassName, ...props }: Choice) {
  return (
    <label className={cx('check', labelClassName)}>
      <input type="checkbox" {...props} />
      {label}
    </label>
  );
}

/** A radio button with its label to the right. */
export function Radio({ label, labelClassName, ...props }: Choice) {
  return (
    <label className={cx('check', labelClassName)}>
      <input type="radio" {...props} />
      {label}
    </label>
  );
}
