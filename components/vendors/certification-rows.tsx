'use client';

import { Note } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import type { useKeyedRows } from '@/components/ui/use-keyed-rows';
import type { VendorFormValues } from './form-values';

export type CertificationRows = ReturnType<
  typeof useKeyedRows<VendorFormValues['certifications'][number]>
>;

/** The vendor's certifications, one row each (name, expiry), added and removed in place. */
export function CertificationRowsFieldset({
  certifications,
  errorFor,
}: {
  certifications: CertificationRows;
  errorFor: (path: string) => string | undefined;
}) {
  return (
    <fieldset className="stack">
      <legend>Certifications</legend>
      {certifications.rows.length === 0 && (
        <Note>None recorded. Expiry dates within 30 days show as warnings.</Note>
      )}
      {certifications.rows.map((c, i) => (
        <div className="repeat-row cols-cert" key={c.key} data-testid="certification-row">
          <Field label="Name" error={errorFor(`certifications.${i}.name`)}>
            <Input
              aria-label={`Certification ${i + 1} name`}
              value={c.name}
              placeholder="e.g. SOC 2 Type II"
              maxLength={120}
              onChange={(e) => certifications.update(c.key, { name: e.target.value })}
            />
          </Field>
          <Field label="Expires on" error={errorFor(`certifications.${i}.expiresOn`)}>
            <Input
              type="date"
              aria-label={`Certification ${i + 1} expiry`}
              value={c.expiresOn}
              onChange={(e) => certifications.update(c.key, { expiresOn: e.target.value })}
            />
          </Field>
          <Button
            variant="danger"
            size="small"
            aria-label={`Remove certification ${i + 1}`}
            onClick={() => certifications.remove(c.key)}
          >
            Remove
          </Button>
        </div>
      ))}
      <div>
        <Button size="small" onClick={() => certifications.add({ name: '', expiresOn: '' })}>
          Add certification
        </Button>
      </div>
    </fieldset>
  );
}
