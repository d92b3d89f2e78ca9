'use client';

import { Note } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import type { useKeyedRows } from '@/components/ui/use-keyed-rows';
import type { VendorFormValues } from './form-values';

export type SubProcessorRows = ReturnType<
  typeof useKeyedRows<VendorFormValues['subProcessors'][number]>
>;

/** The vendor's own sub-processors (name, country, service), added and removed in place. */
export function SubProcessorRowsFieldset({
  subProcessors,
  errorFor,
}: {
  subProcessors: SubProcessorRows;
  errorFor: (path: string) => string | undefined;
}) {
  return (
    <fieldset className="stack">
      <legend>Sub-processors</legend>
      {subProcessors.rows.length === 0 && <Note>None recorded.</Note>}
      {subProcessors.rows.map((s, i) => (
        <div className="repeat-row cols-sub" key={s.key} data-testid="sub-processor-row">
          <Field label="Name" error={errorFor(`subProcessors.${i}.name`)}>
            <Input
              aria-label={`Sub-processor ${i + 1} name`}
              value={s.name}
              maxLength={200}
              onChange={(e) => subProcessors.update(s.key, { name: e.target.value })}
            />
          </Field>
          <Field label="Country" error={errorFor(`subProcessors.${i}.country`)}>
            <Input
              aria-label={`Sub-processor ${i + 1} country`}
              value={s.country}
              maxLength={2}
              placeholder="e.g. SG"
              onChange={(e) =>
                subProcessors.update(s.key, { country: e.target.value.toUpperCase() })
              }
            />
          </Field>
          <Field label="Service" error={errorFor(`subProcessors.${i}.service`)}>
            <Input
              aria-label={`Sub-processor ${i + 1} service`}
              value={s.service}
              maxLength={200}
              placeholder="e.g. call recording"
              onChange={(e) => subProcessors.update(s.key, { service: e.target.value })}
            />
          </Field>
          <Button
            variant="danger"
            size="small"
            aria-label={`Remove sub-processor ${i + 1}`}
            onClick={() => subProcessors.remove(s.key)}
          >
            Remove
          </Button>
        </div>
      ))}
      <div>
        <Button
          size="small"
          onClick={() => subProcessors.add({ name: '', country: '', service: '' })}
        >
          Add sub-processor
        </Button>
      </div>
    </fieldset>
  );
}
