'use client';

import { Note } from '@/components/ui/alert';
import { Checkbox, Options, Select, Textarea } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { VENDOR_TIERS, type VendorTier } from '@/server/domain/inventory/vendor';
import { TierBadge } from './badges';
import type { VendorFormValues } from './form-values';
import { TIER_LABELS } from './labels';

type Override = VendorFormValues['override'];

/** The tier the answers give, why, and an override with its reason; then the tier on save. */
export function TierPreview({
  derived,
  override,
  onOverride,
  errorFor,
}: {
  derived: { tier: VendorTier; reasons: string[] };
  override: Override;
  onOverride: (next: Override) => void;
  errorFor: (path: string) => string | undefined;
}) {
  const overriding = override !== null && override.tier !== derived.tier;
  const finalTier = overriding ? override.tier : derived.tier;
  return (
    <div className="tier-preview" data-testid="tier-preview" aria-live="polite">
      <div className="muted small">Derived tier</div>
      <div>
        <TierBadge tier={derived.tier} testId="derived-tier" />
      </div>
      <ul className="small" data-testid="derived-reasons">
        {derived.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <Checkbox
        name="override"
        checked={override !== null}
        onChange={(e) =>
          onOverride(
            e.target.checked
              ? { tier: derived.tier === 'critical' ? 'high' : 'critical', reason: '' }
              : null,
          )
        }
        label="Override the derived tier"
      />
      {override && (
        <div className="stack">
          <Field label="Tier" error={errorFor('tierOverride.tier')}>
            <Select
              name="overrideTier"
              value={override.tier}
              onChange={(e) => onOverride({ ...override, tier: e.target.value as VendorTier })}
            >
              <Options values={VENDOR_TIERS} labelOf={(t) => TIER_LABELS[t]} />
            </Select>
          </Field>
          {overriding ? (
            <Field
              label="Why override?"
              error={errorFor('tierOverride.reason') ?? errorFor('tierOverride')}
            >
              <Textarea
                name="overrideReason"
                value={override.reason}
                onChange={(e) => onOverride({ ...override, reason: e.target.value })}
                rows={3}
                required
                maxLength={1000}
                placeholder="At least 5 characters; kept with the vendor and in the audit log"
              />
            </Field>
          ) : (
            <Note>Same as the derived tier: nothing is overridden.</Note>
          )}
        </div>
      )}
      <div className="small tier-final">
        Tier on save: <TierBadge tier={finalTier} testId="final-tier" />
        {overriding && <span className="muted"> (overridden)</span>}
      </div>
    </div>
  );
}
