import {
  DATA_CATEGORIES,
  VENDOR_STATUSES,
  VENDOR_TIERS,
  type DataCategory,
  type VendorStatus,
  type VendorTier,
} from '@/server/domain/inventory/vendor';
import {
  DATA_CATEGORY_LABELS,
  SORT_LABELS,
  STATUS_LABELS,
  TIER_LABELS,
  VENDOR_SORTS,
  type VendorSort,
} from './labels';
import { FilterActions } from '@/components/ui/filter-actions';
import type { RiskBand } from '@/server/domain/risk/bands';

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
        <label>
          Search
          <input
            name="q"
            type="search"
            defaultValue={initial.q}
            placeholder="Vendor name contains…"
            maxLength={200}
          />
        </label>
        <label>
          Data category
          <select name="category" defaultValue={initial.category ?? ''}>
            <option value="">Any</option>
            {DATA_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {DATA_CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sort by
          <select name="sort" defaultValue={initial.sort}>
            {VENDOR_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <FilterActions clearHref="/vendors" />
      </div>
      <div className="filter-groups">
        <fieldset>
          <legend>Tier</legend>
          <div className="row">
            {VENDOR_TIERS.map((t) => (
              <label key={t} className="check">
                <input
                  type="checkbox"
                  name="tier"
                  value={t}
                  defaultChecked={initial.tier.includes(t)}
                />
                {TIER_LABELS[t]}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Status</legend>
          <div className="row">
            {VENDOR_STATUSES.map((s) => (
              <label key={s} className="check">
                <input
                  type="checkbox"
                  name="status"
                  value={s}
                  defaultChecked={initial.status.includes(s)}
                />
                {STATUS_LABELS[s]}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
    </form>
  );
}
