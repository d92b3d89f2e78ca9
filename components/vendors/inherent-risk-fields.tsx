'use client';

import { Button } from '@/components/ui/button';
import { Checkbox, Input } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import type { DataCategory, VendorTier } from '@/server/domain/inventory/vendor';
import { CategoryChecks } from './category-checks';
import type { VendorFormValues } from './form-values';
import { TierPreview } from './tier-preview';

type Questionnaire = VendorFormValues['questionnaire'];

/** The inherent-risk questions beside the tier they give (and its override). */
export function InherentRiskFields({
  questionnaire,
  onQuestionnaire,
  processed,
  derived,
  override,
  onOverride,
  errorFor,
}: {
  questionnaire: Questionnaire;
  onQuestionnaire: (next: Questionnaire) => void;
  /** The data categories the vendor processes, for "Same as data processed". */
  processed: DataCategory[];
  derived: { tier: VendorTier; reasons: string[] };
  override: VendorFormValues['override'];
  onOverride: (next: VendorFormValues['override']) => void;
  errorFor: (path: string) => string | undefined;
}) {
  const set = (patch: Partial<Questionnaire>) => onQuestionnaire({ ...questionnaire, ...patch });
  return (
    <fieldset>
      <legend>Inherent risk</legend>
      <div className="risk-layout">
        <div className="stack">
          <CategoryChecks
            legend="Data it can touch"
            name="questionnaire.dataCategories"
            value={questionnaire.dataCategories}
            onChange={(dataCategories) => set({ dataCategories })}
            action={
              <Button
                variant="link"
                className="small"
                onClick={() => set({ dataCategories: processed })}
              >
                Same as data processed
              </Button>
            }
          />
          <Checkbox
            name="productionAccess"
            checked={questionnaire.productionAccess}
            onChange={(e) => set({ productionAccess: e.target.checked })}
            label="Production access (its staff can reach production systems)"
          />
          <Checkbox
            name="fundsAccess"
            checked={questionnaire.fundsAccess}
            onChange={(e) => set({ fundsAccess: e.target.checked })}
            label="Funds or keys access (can move funds or touch signing keys)"
          />
          <Field
            label="Staff with access"
            error={errorFor('questionnaire.staffWithAccess') ?? errorFor('questionnaire')}
            className="staff-field"
          >
            <Input
              type="number"
              name="staffWithAccess"
              min={0}
              step={1}
              value={questionnaire.staffWithAccess}
              onChange={(e) => set({ staffWithAccess: e.target.value })}
            />
          </Field>
        </div>
        <TierPreview
          derived={derived}
          override={override}
          onOverride={onOverride}
          errorFor={errorFor}
        />
      </div>
    </fieldset>
  );
}
