import { Checkbox, Input, Select } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { FilterActions } from '@/components/ui/filter-actions';
import {
  DATA_CATEGORIES,
  VENDOR_STATUSES,
  VENDOR_TIERS,
  type DataCategory,
  type VendorStatus,
  type VendorTier,
} from '@/server/domain/inventory/vendor';
import type { RiskBand } from '@/server/domain/risk/bands';
import {
  DATA_CATEGORY_LABELS,
  SORT_LABELS,
  STATUS_LABELS,
  TIER_LABELS,
  VENDOR_SORTS,
  type VendorSort,
} from './labels';

interface Props {
  initial: {
    q?: string;
    tier: VendorTier[];
    status: VendorStatus[];
    category?: DataCategory;
    sort: VendorSort;
    /** Drill-down filters from the overview: kept while other filters change (their banner clears them). */
    band?: RiskBand;
    review?: 'overdue';
  };
}

/** A plain GET form: filters live in the URL, so a filtered list can be bookmarked and shared. */
export function VendorFilters({ initial }: Props) {
  return (
    <form method="get" action="/vendors" className="stack" aria-label="Filter vendors">
      {initial.band && <input type="hidden" name="band" value={initial.band} />}
      {initial.review && <input type="hidden" name="review" value={initial.review} />}
      <div className="form-grid">
        <Field label="Search">
          <Input
            name="q"
            type="search"
            defaultValue={initial.q}
            placeholder="Vendor name contains…"
            maxLength={200}
          />
        </Field>
        <Field label="Data category">
          <Select name="category" defaultValue={initial.category ?? ''}>
            <option value="">Any</option>
            {DATA_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {DATA_CATEGORY_LABELS[c]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Sort by">
          <Select name="sort" defaultValue={initial.sort}>
            {VENDOR_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </Select>
        </Field>
        <FilterActions clearHref="/vendors" />
      </div>
      <div className="filter-groups">
        <fieldset>
          <legend>Tier</legend>
          <div className="row">
            {VENDOR_TIERS.map((t) => (
              <Checkbox
                key={t}
                name="tier"
                value={t}
                defaultChecked={initial.tier.includes(t)}
                label={TIER_LABELS[t]}
              />
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Status</legend>
          <div className="row">
            {VENDOR_STATUSES.map((s) => (
              <Checkbox
                key={s}
                name="status"
                value={s}
                defaultChecked={initial.status.includes(s)}
                label={STATUS_LABELS[s]}
              />
            ))}
          </div>
        </fieldset>
      </div>
    </form>
  );
}
