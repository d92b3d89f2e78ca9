'use client';

import type { ReactNode } from 'react';
import { Checkbox } from '@/components/ui/controls';
import { FieldError } from '@/components/ui/field';
import { DATA_CATEGORIES, type DataCategory } from '@/server/domain/inventory/vendor';
import { DATA_CATEGORY_LABELS } from './labels';

/** Ticks or unticks one category, keeping the canonical order. */
function toggle(list: DataCategory[], value: DataCategory, on: boolean): DataCategory[] {
  return DATA_CATEGORIES.filter((c) => (c === value ? on : list.includes(c)));
}

/** A named group of data-category checkboxes, with an optional action beside its legend. */
export function CategoryChecks({
  legend,
  name,
  value,
  onChange,
  error,
  action,
}: {
  legend: string;
  name: string;
  value: DataCategory[];
  onChange: (next: DataCategory[]) => void;
  error?: string;
  action?: ReactNode;
}) {
  return (
    <div role="group" aria-label={legend} className="stack gap-6">
      <div className="row justify-between">
        <span className="group-label">{legend}</span>
        {action}
      </div>
      <div className="check-grid">
        {DATA_CATEGORIES.map((c) => (
          <Checkbox
            key={c}
            name={name}
            value={c}
            checked={value.includes(c)}
            onChange={(e) => onChange(toggle(value, c, e.target.checked))}
            label={DATA_CATEGORY_LABELS[c]}
          />
        ))}
      </div>
      <FieldError message={error} />
    </div>
  );
}
