'use client';

import { Note } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/controls';
import { Field, FieldError } from '@/components/ui/field';
import type { useKeyedRows } from '@/components/ui/use-keyed-rows';
import { MAX_OFFICE_NETWORKS } from '@/server/domain/tenancy/office-networks';

export interface OfficeNetworkRow {
  cidr: string;
  label: string;
}

export type OfficeNetworkRows = ReturnType<typeof useKeyedRows<OfficeNetworkRow>>;

/**
 * The organization's office egress networks, one row each (address or CIDR range, label),
 * added and removed in place; errors are the settings schema's, shown on their row.
 */
export function OfficeNetworksFieldset({
  networks,
  errorFor,
  listError,
  readOnly,
}: {
  networks: OfficeNetworkRows;
  /** The message for a path under `officeNetworks` (`0.cidr`, `2.label`). */
  errorFor: (path: string) => string | undefined;
  /** A problem with the list as a whole (too many). */
  listError: string | undefined;
  readOnly: boolean;
}) {
  return (
    <section
      className="card stack office-networks"
      aria-labelledby="office-networks-heading"
      data-testid="office-networks"
    >
      <h2 id="office-networks-heading">Office networks</h2>
      <Note>
        Sign-ins from these networks are expected to be shared by many people: detectors don&apos;t
        treat them as shared infrastructure, anonymizers or travel.
      </Note>
      {networks.rows.length === 0 && (
        <Note testId="office-networks-empty">
          None configured: every address is judged on its own.
        </Note>
      )}
      {networks.rows.map((n, i) => (
        <div className="repeat-row cols-office" key={n.key} data-testid="office-network-row">
          <Field label="Address or CIDR range" error={errorFor(`${i}.cidr`)}>
            <Input
              aria-label={`Office network ${i + 1} address`}
              value={n.cidr}
              placeholder="e.g. 203.0.113.0/24"
              maxLength={60}
              spellCheck={false}
              onChange={(e) => networks.update(n.key, { cidr: e.target.value })}
            />
          </Field>
          <Field label="Label (optional)" error={errorFor(`${i}.label`)}>
            <Input
              aria-label={`Office network ${i + 1} label`}
              value={n.label}
              placeholder="e.g. London office"
              maxLength={80}
              onChange={(e) => networks.update(n.key, { label: e.target.value })}
            />
          </Field>
          {!readOnly && (
            <Button
              variant="danger"
              size="small"
              aria-label={`Remove office network ${i + 1}`}
              onClick={() => networks.remove(n.key)}
            >
              Remove
            </Button>
          )}
        </div>
      ))}
      <FieldError message={listError} />
      {!readOnly && (
        <div>
          <Button
            size="small"
            disabled={networks.rows.length >= MAX_OFFICE_NETWORKS}
            onClick={() => networks.add({ cidr: '', label: '' })}
          >
            Add office network
          </Button>
        </div>
      )}
    </section>
  );
}
