'use client';

import { Note } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Options, Select } from '@/components/ui/controls';
import { FieldError } from '@/components/ui/field';
import type { useKeyedRows } from '@/components/ui/use-keyed-rows';
import { IDENTIFIER_KINDS, type IdentifierKind } from '@/server/domain/inventory/identifiers';
import { IDENTIFIER_LABELS, IDENTIFIER_PLACEHOLDERS } from './labels';

export type IdentifierRows = ReturnType<
  typeof useKeyedRows<{ kind: IdentifierKind; value: string }>
>;

/** The person's accounts and handles elsewhere, one row each (kind, value). */
export function PersonIdentifiersCard({
  identifiers,
  error,
}: {
  identifiers: IdentifierRows;
  error: string | undefined;
}) {
  const { rows } = identifiers;
  return (
    <div className="card stack">
      <div>
        <h2>Identifiers</h2>
        <Note className="mt-4">
          Accounts and handles this person uses elsewhere. They are stored normalized so screening
          matches exactly; the email above is always included. Phone numbers without a country code
          use the country above.
        </Note>
      </div>
      {rows.length === 0 ? (
        <Note>No identifiers besides the email.</Note>
      ) : (
        <div className="stack gap-8">
          {rows.map((row, index) => (
            <div key={row.key} className="row no-wrap" data-testid="identifier-row">
              <Select
                aria-label={`Identifier ${index + 1} kind`}
                value={row.kind}
                className="identifier-kind"
                onChange={(e) =>
                  identifiers.update(row.key, { kind: e.target.value as IdentifierKind })
                }
              >
                <Options values={IDENTIFIER_KINDS} labelOf={(k) => IDENTIFIER_LABELS[k]} />
              </Select>
              <Input
                aria-label={`Identifier ${index + 1} value`}
                value={row.value}
                maxLength={300}
                placeholder={IDENTIFIER_PLACEHOLDERS[row.kind]}
                className="grow"
                autoComplete="off"
                onChange={(e) => identifiers.update(row.key, { value: e.target.value })}
              />
              <Button
                size="small"
                aria-label={`Remove identifier ${index + 1}`}
                onClick={() => identifiers.remove(row.key)}
              >
                Remove
              </Button>
            </div>
          ))}
        </div>
      )}
      <FieldError message={error} />
      <div>
        <Button
          size="small"
          disabled={rows.length >= 50}
          onClick={() => identifiers.add({ kind: 'github', value: '' })}
        >
          Add identifier
        </Button>
      </div>
    </div>
  );
}
